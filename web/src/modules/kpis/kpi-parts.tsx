/** The KPI dashboard's building blocks: a headline figure and a compact table of figures. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TableWrap } from '../../app/ui/page';

/**
 * One headline figure. `good` (met / not met) colours it and, with a `note`, says so in words;
 * `warn` colours it as a warning and shows `warnNote` with a sign, so colour is never the only cue.
 */
export function Stat({
  label,
  value,
  unit,
  note,
  good,
  warn,
  warnNote,
}: {
  label: string;
  value: string;
  unit?: string;
  note?: string;
  good?: boolean;
  warn?: boolean;
  warnNote?: string;
}) {
  const { t } = useTranslation();
  return (
    <li className={`stat${warn ? ' stat--warn' : ''}${good ? ' stat--good' : ''}`}>
      <span className="stat__label">{label}</span>
      <span className="stat__value">
        {value}
        {unit && <span className="stat__unit">{unit}</span>}
      </span>
      {note && (
        <span className="stat__note">
          {note}
          {good !== undefined && ` · ${good ? t('kpi.met') : t('kpi.notMet')}`}
        </span>
      )}
      {warn && warnNote && (
        <span className="stat__note">
          <span aria-hidden="true">⚠</span> {warnNote}
        </span>
      )}
    </li>
  );
}

export interface StatRow {
  key: string;
  /** The row header (first column). */
  head: ReactNode;
  cells: ReactNode[];
}

/**
 * A compact table of figures with a caption (visually hidden where a heading already says it).
 * With no rows it says so in words instead of showing an empty table.
 */
export function StatTable({
  caption,
  captionHidden,
  columns,
  rows,
}: {
  caption: string;
  captionHidden?: boolean;
  columns: string[];
  rows: StatRow[];
}) {
  const { t } = useTranslation();
  if (rows.length === 0) {
    return <p className="muted">{captionHidden ? t('kpi.emptyPeriod') : `${caption}: ${t('kpi.emptyPeriod')}`}</p>;
  }
  return (
    <TableWrap label={caption}>
      <table className="table table--compact">
        <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns, identified by position
              <th scope="col" key={i}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.head}</th>
              {r.cells.map((c, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells of a row, identified by position
                <td key={i}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
