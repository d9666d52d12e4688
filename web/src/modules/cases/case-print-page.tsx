import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { formatDate, formatDateTime } from '../../app/format';
import { ErrorAlert, Loading } from '../../app/ui/page';
import { PrintButton, PrintMeta } from '../../app/ui/print';
import { useCategories } from '../concerns/categories';
import { usePerson } from '../people/api';
import { type TimelineItem, useCase } from './api';

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/** One line of text for a timeline entry, as it reads on paper. */
function useEntryText() {
  const { t } = useTranslation();
  const { label } = useCategories();
  return (it: TimelineItem): string => {
    const d = it.data;
    switch (it.kind) {
      case 'concern':
        return [label(str(d.category)), str(d.place_text), str(d.description)].filter(Boolean).join(' — ');
      case 'contact':
        return [
          t(`contactMethod.${str(d.method)}`, { defaultValue: str(d.method) }),
          d.reached ? t('contact.reachedYes') : t('contact.reachedNo'),
          d.settled ? t('contact.settled') : '',
          str(d.note),
        ]
          .filter(Boolean)
          .join(' · ');
      case 'note':
        return str(d.body);
      case 'referral':
        return [str(d.agency_name), t(`referralStatus.${str(d.status)}`, { defaultValue: str(d.status) }), str(d.reason)]
          .filter(Boolean)
          .join(' · ');
      default: {
        const kind = str(d.kind);
        return t(`caseEvent.${kind}`, { defaultValue: kind });
      }
    }
  };
}

/**
 * A case summary for paper (ケース記録の概要): the person, the case, its timeline and referrals, with
 * the municipality, the print date and page numbers; no navigation, forms or buttons on paper.
 * Opened from the case page's 「印刷」 link, outside the console frame.
 */
export function CasePrintPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { me } = useAuth();
  const res = useCase(id);
  const k = res.data;
  const person = usePerson(k?.person_id ?? null);
  const p = person.data;
  const text = useEntryText();
  const timeline = [...(k?.timeline ?? [])].sort((a, b) => a.at.localeCompare(b.at));
  const referrals = timeline.filter((e) => e.kind === 'referral');
  const title = k ? t('paper.print.caseTitle', { n: k.case_number }) : t('paper.print.caseTitleBare');

  return (
    <div className="print-sheet">
      <div className="print-sheet__bar no-print">
        <Link to={`/cases/${id}`} className="btn btn--ghost">
          {t('paper.print.back')}
        </Link>
        <PrintButton />
      </div>
      <ErrorAlert error={res.error ?? person.error} />
      <Loading show={res.loading && !k} />
      {k && (
        <main aria-labelledby="print-title">
          <header className="print-sheet__head">
            <h1 id="print-title">{title}</h1>
            <PrintMeta tenant={me?.tenant_name ?? ''} />
          </header>

          <section aria-labelledby="print-person">
            <h2 id="print-person">{t('paper.print.person')}</h2>
            {k.person_id === null ? (
              <p>{t('person.unidentified')}</p>
            ) : (
              p && (
                <table>
                  <tbody>
                    <tr>
                      <th scope="row">{t('paper.print.name')}</th>
                      <td>
                        {p.name ?? t('person.unidentified')}
                        {p.kana ? `（${p.kana}）` : ''}
                      </td>
                    </tr>
                    <tr>
                      <th scope="row">{t('paper.print.address')}</th>
                      <td>{[p.address ?? p.household?.address, p.area_name].filter(Boolean).join(' · ') || '—'}</td>
                    </tr>
                    <tr>
                      <th scope="row">{t('paper.print.birthYear')}</th>
                      <td>{p.birth_year ?? '—'}</td>
                    </tr>
                    <tr>
                      <th scope="row">{t('paper.print.livingAlone')}</th>
                      <td>{p.living_alone === null ? '—' : p.living_alone ? t('common.yes') : t('common.no')}</td>
                    </tr>
                    <tr>
                      <th scope="row">{t('paper.print.contacts')}</th>
                      <td>
                        {p.emergency_contacts.length === 0
                          ? '—'
                          : p.emergency_contacts.map((c) => `${c.name}（${c.relation}）${c.phone}`).join('、')}
                      </td>
                    </tr>
                  </tbody>
                </table>
              )
            )}
          </section>

          <section aria-labelledby="print-case">
            <h2 id="print-case">{t('paper.print.case')}</h2>
            <table>
              <tbody>
                <tr>
                  <th scope="row">{t('cases.status')}</th>
                  <td>
                    {t(`caseStatus.${k.status}`)}
                    {k.outcome ? `（${t(`outcome.${k.outcome}`, { defaultValue: k.outcome })}）` : ''}
                  </td>
                  <th scope="row">{t('triage.urgency')}</th>
                  <td>{t(`urgency.${k.urgency}`)}</td>
                </tr>
                <tr>
                  <th scope="row">{t('concern.receivedAt')}</th>
                  <td>{formatDateTime(k.received_at)}</td>
                  <th scope="row">{t('cases.due')}</th>
                  <td>{formatDateTime(k.first_contact_due_at)}</td>
                </tr>
                <tr>
                  <th scope="row">{t('cases.firstContact')}</th>
                  <td>{k.first_contact_at ? formatDateTime(k.first_contact_at) : t('cases.noContactYet')}</td>
                  <th scope="row">{t('cases.assignee')}</th>
                  <td>{k.assignee_name ?? t('cases.unassigned')}</td>
                </tr>
              </tbody>
            </table>
          </section>

          <section aria-labelledby="print-timeline">
            <h2 id="print-timeline">{t('paper.print.timeline')}</h2>
            {timeline.length === 0 ? (
              <p>{t('timeline.empty')}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('paper.print.when')}</th>
                    <th scope="col">{t('paper.print.kind')}</th>
                    <th scope="col">{t('paper.print.by')}</th>
                    <th scope="col">{t('paper.print.what')}</th>
                  </tr>
                </thead>
                <tbody>
                  {timeline.map((it) => (
                    <tr key={`${it.kind}-${it.id}`} className="print-sheet__entry">
                      <td>{formatDateTime(it.at)}</td>
                      <td className="nowrap">{t(`timeline.kinds.${it.kind}`, { defaultValue: it.kind })}</td>
                      <td>{it.by ?? '—'}</td>
                      <td className="pre">{text(it)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <section aria-labelledby="print-referrals">
            <h2 id="print-referrals">{t('paper.print.referrals')}</h2>
            {referrals.length === 0 ? (
              <p>{t('paper.print.noReferrals')}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('paper.print.when')}</th>
                    <th scope="col">{t('paper.print.agency')}</th>
                    <th scope="col">{t('paper.print.status')}</th>
                    <th scope="col">{t('paper.print.basis')}</th>
                    <th scope="col">{t('paper.print.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {referrals.map((r) => (
                    <tr key={r.id} className="print-sheet__entry">
                      <td>{formatDate(r.at)}</td>
                      <td>{str(r.data.agency_name)}</td>
                      <td>{t(`referralStatus.${str(r.data.status)}`, { defaultValue: str(r.data.status) })}</td>
                      <td>{t(`legalBasis.${str(r.data.legal_basis)}`, { defaultValue: str(r.data.legal_basis) })}</td>
                      <td className="pre">{str(r.data.reason) || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <p className="print-sheet__footer">
            {t('paper.print.footer', { tenant: me?.tenant_name ?? '', at: formatDateTime(new Date().toISOString()) })}
          </p>
        </main>
      )}
    </div>
  );
}
