import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allOf } from '../../api/types';
import { When } from '../../app/ui/badges';
import { ExportLinks } from '../../app/ui/export-links';
import { SelectField, TextInput } from '../../app/ui/fields';
import { ErrorAlert, Loading, PageHeading, TableWrap } from '../../app/ui/page';
import { AUDIT_EXPORT_PATH, type AuditEntry, type AuditFilter, useAccountList, useAuditLog } from './api';

type Action = NonNullable<AuditFilter['action']>;
type EntityType = NonNullable<AuditFilter['entity_type']>;

/** Every kind of object the log names, for the filter (compile error when one is missing). */
const ENTITY_TYPES = allOf<EntityType>()([
  'person',
  'case',
  'concern',
  'household',
  'referral',
  'account',
  'session',
  'settings',
  'partner',
  'agreement',
  'device',
  'api_key',
  'alert',
  'checkin',
  'photo',
  'notification',
  'kpi',
  'audit_log',
  'route',
] as const);

/** Every action the server records, in the order the filter offers them (compile error when one is missing). */
const ACTIONS = allOf<Action>()([
  'login',
  'login_failed',
  'logout',
  'password_change',
  'denied',
  'read',
  'search',
  'create',
  'update',
  'triage',
  'merge',
  'export',
] as const);

/** What happened, in words: a refused request names its route and reason, never a body. */
function Detail({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const d = entry.detail as Record<string, unknown>;
  if (entry.action === 'denied') {
    const code = String(d.code ?? '');
    return (
      <>
        <span className="mono">
          {String(d.method ?? '')} {String(d.route ?? '')}
        </span>{' '}
        — {t(`audit.reasons.${code}`, { defaultValue: code })}
        {d.permission ? <span className="mono"> ({String(d.permission)})</span> : null}
      </>
    );
  }
  const keys = Object.keys(d);
  return keys.length ? <span className="mono">{JSON.stringify(d)}</span> : <>—</>;
}

/**
 * The tenant's audit log for admins and leads: who read, changed or was refused what, when, from
 * where; filtered by who, action, object type and date range, and exported with the same filters.
 */
export function AuditPage() {
  const { t } = useTranslation();
  const [action, setAction] = useState<Action | ''>('');
  const [entity, setEntity] = useState<EntityType | ''>('');
  const [who, setWho] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const accounts = useAccountList().data?.items ?? [];
  const filter: AuditFilter = {
    ...(action ? { action } : {}),
    ...(entity ? { entity_type: entity } : {}),
    ...(who ? { account_id: who } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
  const res = useAuditLog({ limit: 200, ...filter });
  const items = res.data?.items ?? [];
  const all = { id: '', label: t('common.all') };
  return (
    <>
      <PageHeading title={t('audit.title')}>
        <ExportLinks path={AUDIT_EXPORT_PATH} query={filter} label={t('paper.export.of', { what: t('audit.title') })} />
      </PageHeading>
      <p className="muted">{t('audit.lead')}</p>
      <form className="filters" role="search" aria-label={t('paper.audit.filters')} onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t('audit.who')}
          value={who}
          onChange={setWho}
          options={[
            all,
            ...accounts.map((a) => ({ id: a.id, label: `${a.display_name}（${t(`roles.${a.role}`, { defaultValue: a.role })}）` })),
          ]}
        />
        <SelectField
          label={t('audit.action')}
          value={action}
          onChange={(v) => setAction(v as Action | '')}
          options={[all, ...ACTIONS.map((a) => ({ id: a, label: t(`audit.actions.${a}`) }))]}
        />
        <SelectField
          label={t('audit.entity')}
          value={entity}
          onChange={(v) => setEntity(v as EntityType | '')}
          options={[all, ...ENTITY_TYPES.map((e) => ({ id: e, label: t(`audit.entities.${e}`) }))]}
        />
        <TextInput label={t('paper.audit.from')} type="date" value={from} onChange={setFrom} />
        <TextInput label={t('paper.audit.to')} type="date" value={to} onChange={setTo} />
      </form>
      <p role="status" className="muted">
        {res.data ? t('paper.audit.count', { count: items.length }) : ''}
      </p>
      <ErrorAlert error={res.error} />
      <Loading show={res.loading && !res.data} />
      {res.data && items.length === 0 && <p className="empty">{t('audit.empty')}</p>}
      {items.length > 0 && (
        <TableWrap label={t('audit.title')}>
          <table className="table">
            <caption className="visually-hidden">{t('audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.entity')}</th>
                <th scope="col">{t('audit.detail')}</th>
                <th scope="col">{t('audit.ip')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id}>
                  <td>
                    <When iso={e.at} />
                  </td>
                  <td>
                    {e.account_name ?? t('audit.system')}
                    {e.role && <span className="muted"> ({t(`roles.${e.role}`, { defaultValue: e.role })})</span>}
                  </td>
                  <td>
                    <span className={`badge${e.action === 'denied' || e.action === 'login_failed' ? ' badge--warn' : ''}`}>
                      {t(`audit.actions.${e.action}`, { defaultValue: e.action })}
                    </span>
                  </td>
                  <td>
                    {t(`audit.entities.${e.entity_type}`, { defaultValue: e.entity_type })}
                    {e.entity_id && <span className="mono muted"> {e.entity_id.slice(-8)}</span>}
                  </td>
                  <td>
                    <Detail entry={e} />
                  </td>
                  <td className="mono">{e.ip ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
