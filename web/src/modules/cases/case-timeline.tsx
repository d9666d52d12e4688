import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../app/format';
import { useCategories } from '../concerns/categories';
import type { TimelineItem } from './api';
import { ReferralStatusButtons } from './referral-status';

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/** Concerns, contacts, notes, referrals and events, newest first. */
export function CaseTimeline({ items, onChanged }: { items: TimelineItem[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const sorted = [...items].sort((a, b) => b.at.localeCompare(a.at));
  if (sorted.length === 0) return <p className="muted">{t('timeline.empty')}</p>;
  return (
    <ol className="timeline">
      {sorted.map((it) => (
        <li key={`${it.kind}-${it.id}`} className={`timeline__item timeline__item--${it.kind}`}>
          <div className="timeline__meta">
            <span className="timeline__kind">{t(`timeline.kinds.${it.kind}`, { defaultValue: it.kind })}</span>
            <time dateTime={it.at}>{formatDateTime(it.at)}</time>
            {it.by && <span>{it.by}</span>}
          </div>
          <Body it={it} onChanged={onChanged} />
        </li>
      ))}
    </ol>
  );
}

function Body({ it, onChanged }: { it: TimelineItem; onChanged: () => void }) {
  const { t } = useTranslation();
  const { label } = useCategories();
  const d = it.data;
  switch (it.kind) {
    case 'concern':
      return (
        <p>
          <Link to={`/concerns/${it.id}`}>{label(str(d.category))}</Link>
          {d.place_text ? ` — ${str(d.place_text)}` : ''}
          {d.reporter_kind ? (
            <span className="muted">{` · ${t(`reporterKind.${str(d.reporter_kind)}`, { defaultValue: str(d.reporter_kind) })}`}</span>
          ) : null}
          {d.description ? <span className="pre block">{str(d.description)}</span> : null}
        </p>
      );
    case 'contact':
      return (
        <p>
          <strong>{t(`contactMethod.${str(d.method)}`, { defaultValue: str(d.method) })}</strong>
          {' · '}
          {d.reached ? t('contact.reachedYes') : t('contact.reachedNo')}
          {d.settled ? ` · ${t('contact.settled')}` : ''}
          {d.is_first_contact ? <span className="badge badge--success">{t('contact.isFirst')}</span> : null}
          {d.note ? <span className="pre block">{str(d.note)}</span> : null}
        </p>
      );
    case 'note':
      return <p className="pre">{str(d.body)}</p>;
    case 'referral':
      return (
        <div>
          <p>
            <strong>{str(d.agency_name)}</strong>
            {' · '}
            {t(`referralStatus.${str(d.status)}`, { defaultValue: str(d.status) })}
            {' · '}
            {t(`legalBasis.${str(d.legal_basis)}`, { defaultValue: str(d.legal_basis) })}
          </p>
          {d.reason ? <p className="pre">{str(d.reason)}</p> : null}
          {d.legal_basis_reason ? (
            <p className="pre muted">{t('referralCheck.basisReasonShown', { reason: str(d.legal_basis_reason) })}</p>
          ) : null}
          {d.outcome ? <p className="pre muted">{str(d.outcome)}</p> : null}
          <ReferralStatusButtons id={it.id} status={str(d.status)} onChanged={onChanged} />
        </div>
      );
    default:
      return <p>{eventText(d, t)}</p>;
  }
}

function eventText(d: Record<string, unknown>, t: ReturnType<typeof useTranslation>['t']): string {
  const kind = str(d.kind);
  const base = t(`caseEvent.${kind}`, { defaultValue: kind });
  if (kind === 'status_changed') {
    const change = `${base}: ${t(`caseStatus.${str(d.from)}`)} → ${t(`caseStatus.${str(d.to)}`)}`;
    return d.outcome ? `${change}（${t(`outcome.${str(d.outcome)}`, { defaultValue: str(d.outcome) })}）` : change;
  }
  if (kind === 'urgency_changed')
    return t('caseEvent.urgencyChangedText', {
      from: t(`urgency.${str(d.from)}`, { defaultValue: str(d.from) }),
      to: t(`urgency.${str(d.to)}`, { defaultValue: str(d.to) }),
      reason: str(d.reason),
    });
  if (kind === 'assigned') {
    const to = str(d.assignee_name) || t('cases.unassigned');
    return d.from_name ? t('caseEvent.reassigned', { from: str(d.from_name), to }) : t('caseEvent.assignedTo', { to });
  }
  if (kind === 'opened' && d.urgency) return t('caseEvent.openedWithUrgency', { urgency: t(`urgency.${str(d.urgency)}`) });
  if (kind === 'referral_updated')
    return `${base}: ${t(`referralStatus.${str(d.from)}`, { defaultValue: str(d.from) })} → ${t(`referralStatus.${str(d.to)}`, { defaultValue: str(d.to) })}`;
  if (kind === 'referred' && d.legal_basis)
    return `${base}（${t(`legalBasis.${str(d.legal_basis)}`, { defaultValue: str(d.legal_basis) })}）`;
  if (kind === 'closed' && d.outcome) return `${base}: ${t(`outcome.${str(d.outcome)}`, { defaultValue: str(d.outcome) })}`;
  return base;
}
