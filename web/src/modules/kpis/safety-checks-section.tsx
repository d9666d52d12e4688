/**
 * Safety checks (安否確認) on watch alerts: the share confirmed within the severity's target
 * (seed target ≥ 95%) and minutes from alert to confirmation. Figures come from
 * GET /kpis/safety-checks; small cells arrive already suppressed for aggregate-only roles.
 */
import { useTranslation } from 'react-i18next';
import { formatHours, formatPercent } from '../../app/format';
import { ErrorAlert, Loading, Section } from '../../app/ui/page';
import { SEVERITIES } from '../alerts/api';
import { type SafetyCell, useSafetyCheckKpis } from './api';
import { Stat, StatTable } from './kpi-parts';

export function SafetyChecksSection({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation();
  const res = useSafetyCheckKpis({ from, to });
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
            <Stat
              label={t('kpi.safety.withinTarget')}
              value={formatPercent(k.within_target_ratio)}
              note={t('kpi.safety.target', { target: formatPercent(k.target_ratio) })}
              good={met}
              warn={met === false}
            />
            <Stat label={t('kpi.safety.median')} value={formatHours(k.median_minutes)} unit={t('kpi.safety.min')} />
            <Stat label={t('kpi.safety.p90')} value={formatHours(k.p90_minutes)} unit={t('kpi.safety.min')} />
            <Stat label={t('kpi.safety.alerts')} value={k.suppressed ? '—' : String(k.alerts ?? 0)} />
            <Stat label={t('kpi.safety.overdue')} value={k.suppressed ? '—' : String(k.overdue ?? 0)} warn={(k.overdue ?? 0) > 0} />
          </ul>
          <StatTable
            caption={t('kpi.safety.bySeverity')}
            columns={[
              t('kpi.safety.severity'),
              t('kpi.targetCol'),
              t('kpi.safety.alerts'),
              t('kpi.safety.confirmed'),
              t('kpi.safety.withinTarget'),
              t('kpi.safety.medianMin'),
              t('kpi.safety.p90Min'),
            ]}
            rows={SEVERITIES.flatMap((sev) => {
              const c = k.by_severity[sev];
              return c
                ? [
                    {
                      key: sev,
                      head: t(`kpi.safety.severities.${sev}`),
                      cells: [
                        t('kpi.safety.targetMinutes', { minutes: c.target_minutes }),
                        count(c, c.alerts),
                        c.suppressed ? '—' : String(c.confirmed ?? 0),
                        formatPercent(c.within_target_ratio),
                        formatHours(c.median_minutes),
                        formatHours(c.p90_minutes),
                      ],
                    },
                  ]
                : [];
            })}
          />
          <StatTable
            caption={t('kpi.safety.byMonth')}
            columns={[
              t('kpi.month'),
              t('kpi.safety.alerts'),
              t('kpi.safety.withinTarget'),
              t('kpi.safety.medianMin'),
              t('kpi.safety.p90Min'),
            ]}
            rows={k.by_month.map((m) => ({
              key: m.month,
              head: m.month,
              cells: [count(m, m.alerts), formatPercent(m.within_target_ratio), formatHours(m.median_minutes), formatHours(m.p90_minutes)],
            }))}
          />
        </>
      )}
    </Section>
  );
}
