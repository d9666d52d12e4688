import { useTranslation } from 'react-i18next';
import { useCalendarChoice } from '../calendar';
import './paper.css';

type QueryValue = string | number | boolean | null | undefined;

/** The URL of an export: the list's filters, the format, and a 和暦 column when the person shows 和暦. */
export function exportUrl(path: string, query: Record<string, QueryValue>, extra: Record<string, string>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, String(v));
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return `${path}?${q.toString()}`;
}

/**
 * Download links for a table: Excel (.xlsx), CSV (UTF-8 with BOM) and CSV (Shift_JIS, for older
 * municipal systems). Plain links: the browser downloads with the session cookie; the server
 * checks the role, applies the same filters as the screen and records the export.
 */
export function ExportLinks({
  path,
  query = {},
  label,
  showLabel = false,
}: {
  path: string;
  query?: Record<string, QueryValue>;
  /** What is exported ("ケース一覧の出力"): the group's name; shown when showLabel, else just 「出力」. */
  label: string;
  showLabel?: boolean;
}) {
  const { t } = useTranslation();
  const calendar: Record<string, string> = useCalendarChoice() === 'wareki' ? { calendar: 'japanese' } : {};
  const links = [
    { key: 'xlsx', text: t('paper.export.xlsx'), extra: { format: 'xlsx', ...calendar } },
    { key: 'csv', text: t('paper.export.csv'), extra: { format: 'csv', ...calendar } },
    { key: 'sjis', text: t('paper.export.sjis'), extra: { format: 'csv', encoding: 'shift_jis', ...calendar } },
  ];
  return (
    <div role="group" aria-label={label} className="export-links no-print">
      <span className="export-links__label" aria-hidden="true">
        {showLabel ? label : t('paper.export.label')}
      </span>
      {links.map((l) => (
        <a key={l.key} className="btn btn--secondary export-links__link" href={exportUrl(path, query, l.extra)} download>
          {l.text}
        </a>
      ))}
    </div>
  );
}
