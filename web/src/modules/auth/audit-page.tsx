import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allOf } from '../../api/types';
import { When } from '../../app/ui/badges';
import { SelectField } from '../../app/ui/fields';
import { ErrorAlert, Loading, PageHeading, TableWrap } from '../../app/ui/page';
import { type AuditEntry, type AuditFilter, useAudit } from './api';

type Action = NonNullable<AuditFilter['action']>;

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

/** The tenant's audit log for admins and leads: who read, changed or was refused what, when, from where. */
export function AuditPage() {
  const { t } = useTranslation();
  const [action, setAction] = useState<Action | ''>('');
  const res = useAudit({ limit: 200, ...(action ? { action } : {}) });
  const items = res.data?.items ?? [];
  return (
    <>
      <PageHeading title={t('audit.title')} />
      <p className="muted">{t('audit.lead')}</p>
      <div className="filters">
        <SelectField
          label={t('audit.action')}
          value={action}
          onChange={(v) => setAction(v as Action | '')}
          options={[{ id: '', label: t('common.all') }, ...ACTIONS.map((a) => ({ id: a, label: t(`audit.actions.${a}`) }))]}
        />
      </div>
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
