import { useTranslation } from 'react-i18next';
import { useCalendarChoice } from '../calendar';
import { formatDateTimeWestern, formatRelative, warekiIfShown } from '../format';
/** An urgency code (`emergency` … `low`); unknown codes show as they are. */
export function UrgencyBadge({ urgency }: { urgency: string | null | undefined }) {
  const { t } = useTranslation();
  if (!urgency) return <span>—</span>;
  return <span className={`badge badge--urgency-${urgency}`}>{t(`urgency.${urgency}`)}</span>;
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge--status-${status}`}>{t(`caseStatus.${status}`, { defaultValue: status })}</span>;
}

/** Overdue is shown with an icon and words, never by colour alone. */
export function OverdueFlag() {
  const { t } = useTranslation();
  return (
    <span className="overdue-flag">
      <span aria-hidden="true">⚠</span> {t('cases.overdue')}
    </span>
  );
}

/** Relative time ("3時間前") with the absolute Tokyo time beside it. */
export function When({ iso, relative = true }: { iso: string | null | undefined; relative?: boolean }) {
  useCalendarChoice(); // re-render when the 和暦 option changes
  if (!iso) return <span>—</span>;
  const era = warekiIfShown(iso);
  return (
    <time dateTime={iso} className="when">
      {relative && <span className="when__rel">{formatRelative(iso)}</span>}
      <span className="when__abs">{formatDateTimeWestern(iso)}</span>
      {era && <span className="when__abs when__era">（{era}）</span>}
    </time>
  );
}
