/**
 * Safety checks (安否確認) on watch alerts: the share confirmed within the severity's target
 * (seed target ≥ 95%) and minutes from alert to confirmation. Figures come from
 * GET /kpis/safety-checks; small cells arrive already suppressed for aggregate-only roles.
 */
import { useTranslation } from 'react-i18next';
import { qs } from '../../app/api';
import { formatHours, formatPercent } from '../../app/format';
import { useApi } from '../../app/use-api';
import { ErrorAlert, Loading, Section, TableWrap } from '../../app/ui/page';

interface SafetyCell {
  alerts: number | null;
  confirmed: number | null;
  within_target: number | null;
  within_target_ratio: number | null;
  median_minutes: number | null;
  p90_minutes: number | null;
  open: number | null;
  overdue: number | null;
  suppressed: boolean;
}

export interface SafetyKpis extends SafetyCell {
  from: string;
  to: string;
  target_ratio: number;
  small_cells_suppressed: boolean;
  by_severity: Record<string, SafetyCell & { target_minutes: number }>;
  by_month: (SafetyCell & { month: string })[];
}

const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

export function SafetyChecksSection({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation();
  const res = useApi<SafetyKpis>(`/kpis/safety-checks${qs({ from, to })}`);
  const k = res.data;
  const met = k && k.within_target_ratio !== null ? k.within_target_ratio >= k.target_ratio : undefined;
  const count = (c: SafetyCell, v: number | null) => (c.suppressed ? t('kpi.suppressed') : String(v ?? 0));
  return (
    <Section title={t('kpi.safety.title')} id="kpi-safety">
      <p>{t('kpi.safety.lead')}</p>
      <ErrorAlert error={res.error} />
      <Loading show={res.loading} />
      {k && (
        <>
          <ul className="stats">
            <li className={`stat${met === true ? ' stat--good' : ''}${met === false ? ' stat--warn' : ''}`}>
              <span className="stat__label">{t('kpi.safety.withinTarget')}</span>
              <span className="stat__value">{formatPercent(k.within_target_ratio)}</span>
              <span className="stat__note">
                {t('kpi.safety.target', { target: formatPercent(k.target_ratio) })}
                {met !== undefined && ` · ${met ? t('kpi.met') : t('kpi.notMet')}`}
              </span>
            </li>
            <li className="stat">
              <span className="stat__label">{t('kpi.safety.median')}</span>
              <span className="stat__value">{formatHours(k.median_minutes)}<span className="stat__unit">{t('kpi.safety.min')}</span></span>
            </li>
            <li className="stat">
              <span className="stat__label">{t('kpi.safety.p90')}</span>
              <span className="stat__value">{formatHours(k.p90_minutes)}<span className="stat__unit">{t('kpi.safety.min')}</span></span>
            </li>
            <li className="stat">
              <span className="stat__label">{t('kpi.safety.alerts')}</span>
              <span className="stat__value">{k.suppressed ? '—' : String(k.alerts ?? 0)}</span>
            </li>
            <li className={`stat${(k.overdue ?? 0) > 0 ? ' stat--warn' : ''}`}>
              <span className="stat__label">{t('kpi.safety.overdue')}</span>
              <span className="stat__value">{k.suppressed ? '—' : String(k.overdue ?? 0)}</span>
            </li>
          </ul>
          <TableWrap label={t('kpi.safety.bySeverity')}>
            <table className="table table--compact">
              <caption>{t('kpi.safety.bySeverity')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('kpi.safety.severity')}</th>
                  <th scope="col">{t('kpi.targetCol')}</th>
                  <th scope="col">{t('kpi.safety.alerts')}</th>
                  <th scope="col">{t('kpi.safety.confirmed')}</th>
                  <th scope="col">{t('kpi.safety.withinTarget')}</th>
                  <th scope="col">{t('kpi.safety.medianMin')}</th>
                  <th scope="col">{t('kpi.safety.p90Min')}</th>
                </tr>
              </thead>
              <tbody>
                {SEVERITIES.map((s) => {
                  const c = k.by_severity[s];
                  if (!c) return null;
                  return (
                    <tr key={s}>
                      <th scope="row">{t(`kpi.safety.severities.${s}`)}</th>
                      <td>{t('kpi.safety.targetMinutes', { minutes: c.target_minutes })}</td>
                      <td>{count(c, c.alerts)}</td>
                      <td>{c.suppressed ? '—' : String(c.confirmed ?? 0)}</td>
                      <td>{formatPercent(c.within_target_ratio)}</td>
                      <td>{formatHours(c.median_minutes)}</td>
                      <td>{formatHours(c.p90_minutes)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
          <TableWrap label={t('kpi.safety.byMonth')}>
            <table className="table table--compact">
              <caption>{t('kpi.safety.byMonth')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('kpi.month')}</th>
                  <th scope="col">{t('kpi.safety.alerts')}</th>
                  <th scope="col">{t('kpi.safety.withinTarget')}</th>
                  <th scope="col">{t('kpi.safety.medianMin')}</th>
                  <th scope="col">{t('kpi.safety.p90Min')}</th>
                </tr>
              </thead>
              <tbody>
                {k.by_month.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{m.month}</th>
                    <td>{count(m, m.alerts)}</td>
                    <td>{formatPercent(m.within_target_ratio)}</td>
                    <td>{formatHours(m.median_minutes)}</td>
                    <td>{formatHours(m.p90_minutes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </Section>
  );
}
