import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { OverdueFlag, StatusBadge, UrgencyBadge, When } from '../../app/ui/badges';
import { ExportLinks } from '../../app/ui/export-links';
import { Button, CheckboxField, SelectField, TextInput } from '../../app/ui/fields';
import { ErrorAlert, Loading, PageHeading, TableWrap } from '../../app/ui/page';
import { CASE_STATUSES, CASES_EXPORT_PATH, type CaseQuery, URGENCIES, useCases } from './api';
import { DueCountdown } from './due-countdown';
import { useAssignableAccounts } from './use-accounts';

const PAGE = 50;

/** Cases with filters kept in the URL, so a list can be bookmarked or shared in the team. */
export function CaseListPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const accounts = useAssignableAccounts();
  const f = {
    status: params.get('status') ?? '',
    urgency: params.get('urgency') ?? '',
    assignee_id: params.get('assignee_id') ?? '',
    overdue: params.get('overdue') === 'true',
    q: params.get('q') ?? '',
    offset: Number(params.get('offset') ?? 0),
  };
  // Filters come from the URL as typed by anyone: the server validates them and says what is wrong.
  const res = useCases({
    status: (f.status || undefined) as CaseQuery['status'],
    urgency: (f.urgency || undefined) as CaseQuery['urgency'],
    assignee_id: f.assignee_id,
    overdue: f.overdue || undefined,
    q: f.q,
    limit: PAGE,
    offset: f.offset,
  });

  const update = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    next.delete('offset');
    setParams(next, { replace: true });
  };
  const all = { id: '', label: t('common.all') };
  const assignees = [
    all,
    ...(me ? [{ id: me.account_id, label: t('cases.mine') }] : []),
    ...accounts.filter((a) => a.id !== me?.account_id).map((a) => ({ id: a.id, label: a.display_name })),
  ];
  const items = res.data?.items ?? [];
  const total = res.data?.total ?? items.length;

  return (
    <>
      <PageHeading title={t('cases.title')}>
        <ExportLinks
          path={CASES_EXPORT_PATH}
          query={{ status: f.status, urgency: f.urgency, assignee_id: f.assignee_id, overdue: f.overdue, q: f.q }}
          label={t('paper.export.of', { what: t('cases.title') })}
        />
      </PageHeading>
      <form className="filters" role="search" aria-label={t('cases.filters')} onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t('cases.status')}
          value={f.status}
          onChange={(v) => update('status', v)}
          options={[all, ...CASE_STATUSES.map((s) => ({ id: s, label: t(`caseStatus.${s}`) }))]}
        />
        <SelectField
          label={t('triage.urgency')}
          value={f.urgency}
          onChange={(v) => update('urgency', v)}
          options={[all, ...URGENCIES.map((u) => ({ id: u, label: t(`urgency.${u}`) }))]}
        />
        <SelectField label={t('cases.assignee')} value={f.assignee_id} onChange={(v) => update('assignee_id', v)} options={assignees} />
        <TextInput label={t('cases.q')} value={f.q} onChange={(v) => update('q', v)} />
        <CheckboxField isSelected={f.overdue} onChange={(v) => update('overdue', v ? 'true' : '')}>
          {t('cases.overdueOnly')}
        </CheckboxField>
      </form>
      <ErrorAlert error={res.error} />
      <Loading show={res.loading} />
      <p role="status" className="muted">
        {res.data ? t('cases.count', { count: total }) : ''}
      </p>
      {items.length > 0 && (
        <TableWrap label={t('cases.title')}>
          <table className="table">
            <caption className="visually-hidden">{t('cases.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cases.numberCol')}</th>
                <th scope="col">{t('cases.person')}</th>
                <th scope="col">{t('triage.urgency')}</th>
                <th scope="col">{t('cases.status')}</th>
                <th scope="col">{t('concern.receivedAt')}</th>
                <th scope="col">{t('cases.due')}</th>
                <th scope="col">{t('cases.firstContact')}</th>
                <th scope="col">{t('cases.assignee')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id} className={c.overdue ? 'row--overdue' : undefined}>
                  <td>
                    <Link to={`/cases/${c.id}`} className="row-link">
                      {t('cases.number', { n: c.case_number })}
                    </Link>
                  </td>
                  <td>{c.person_name ?? <span className="muted">{t('person.unidentified')}</span>}</td>
                  <td>
                    <UrgencyBadge urgency={c.urgency} />
                  </td>
                  <td>
                    <StatusBadge status={c.status} />
                  </td>
                  <td>
                    <When iso={c.received_at} />
                  </td>
                  <td>
                    {c.overdue && <OverdueFlag />}
                    <DueCountdown c={c} />
                  </td>
                  <td>
                    {c.first_contact_at ? (
                      <When iso={c.first_contact_at} relative={false} />
                    ) : (
                      <span className="muted">{t('cases.noContactYet')}</span>
                    )}
                  </td>
                  <td>{c.assignee_name ?? <span className="muted">{t('cases.unassigned')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {res.data && items.length === 0 && <p className="empty">{t('cases.empty')}</p>}
      {total > PAGE && (
        <nav className="pager" aria-label={t('common.pagination')}>
          <Button
            variant="secondary"
            isDisabled={f.offset === 0}
            onPress={() =>
              setParams((p) => {
                p.set('offset', String(Math.max(0, f.offset - PAGE)));
                return p;
              })
            }
          >
            {t('common.prev')}
          </Button>
          <span>{t('common.pageOf', { from: f.offset + 1, to: Math.min(total, f.offset + PAGE), total })}</span>
          <Button
            variant="secondary"
            isDisabled={f.offset + PAGE >= total}
            onPress={() =>
              setParams((p) => {
                p.set('offset', String(f.offset + PAGE));
                return p;
              })
            }
          >
            {t('common.next')}
          </Button>
        </nav>
      )}
    </>
  );
}
