import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { formatDate, formatHours, formatPercent, formatTargetHours, toLocalInput } from '../../app/format';
import { UrgencyBadge } from '../../app/ui/badges';
import { ExportLinks } from '../../app/ui/export-links';
import { Button, TextInput } from '../../app/ui/fields';
import { ErrorAlert, Loading, PageHeading, Section } from '../../app/ui/page';
import { PrintButton, PrintHeader } from '../../app/ui/print';
import { URGENCIES } from '../cases/api';
import { KPI_EXPORT_PATH, useFirstContactKpis } from './api';
import { MonthlyHoursChart, MonthlyShareChart, UrgencyChart } from './kpi-charts';
import { Stat, StatTable } from './kpi-parts';
import { SafetyChecksSection } from './safety-checks-section';

const day = (d: Date) => toLocalInput(d).slice(0, 10);

/** Time from receipt (覚知) to first contact; the headline target is under 24 hours. */
export function KpiPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const today = new Date();
  const [from, setFrom] = useState(day(new Date(today.getTime() - 90 * 86400_000)));
  const [to, setTo] = useState(day(today));
  const [period, setPeriod] = useState({ from, to });
  const res = useFirstContactKpis({ from: period.from, to: period.to });
  const k = res.data;

  function submit(e: FormEvent) {
    e.preventDefault();
    setPeriod({ from, to });
  }

  return (
    <>
      <PrintHeader title={`${t('paper.print.kpiTitle')}（${period.from}〜${period.to}）`} tenant={me?.tenant_name ?? ''} />
      <PageHeading title={t('kpi.title')}>
        <PrintButton />
        <ExportLinks
          path={KPI_EXPORT_PATH}
          query={{ ...period, kind: 'first_contact' }}
          label={t('paper.export.of', { what: t('kpi.title') })}
        />
      </PageHeading>
      <p className="lead">{t('kpi.lead')}</p>
      <form className="filters card" onSubmit={submit} aria-label={t('kpi.period')}>
        <TextInput label={t('kpi.from')} type="date" value={from} onChange={setFrom} isRequired />
        <TextInput label={t('kpi.to')} type="date" value={to} onChange={setTo} isRequired />
        <Button type="submit">{t('kpi.apply')}</Button>
      </form>
      <ErrorAlert error={res.error} />
      <Loading show={res.loading} />
      {k && (
        <>
          {k.small_cells_suppressed && (
            <p className="alert alert--warn">
              {t('kpi.suppressedNote', { from: formatDate(k.from), to: formatDate(new Date(new Date(k.to).getTime() - 1).toISOString()) })}
              {k.withheld && ` ${t('kpi.withheldNote')}`}
            </p>
          )}
          <section aria-labelledby="kpi-headline" className="stack">
            <h2 id="kpi-headline" className="visually-hidden">
              {t('kpi.headline')}
            </h2>
            <ul className="stats">
              <Stat label={t('kpi.count')} value={String(k.count ?? '—')} />
              <Stat
                label={t('kpi.median')}
                value={formatHours(k.median_hours)}
                unit={t('kpi.hours')}
                good={k.median_hours !== null && k.median_hours <= 24}
              />
              <Stat
                label={t('kpi.mean')}
                value={formatHours(k.mean_hours)}
                unit={t('kpi.hours')}
                good={k.mean_hours !== null && k.mean_hours <= 24}
                note={t('kpi.target24')}
              />
              <Stat label={t('kpi.withinTarget')} value={formatPercent(k.within_target_ratio)} />
              <Stat label={t('kpi.openWithoutContact')} value={String(k.open_without_contact ?? '—')} />
              <Stat label={t('kpi.overdue')} value={String(k.overdue ?? '—')} warn={(k.overdue ?? 0) > 0} warnNote={t('cases.overdue')} />
            </ul>
          </section>
          <div className="two-col two-col--even">
            <Section title={t('kpi.byUrgency')}>
              <UrgencyChart k={k} />
              <StatTable
                caption={t('kpi.byUrgency')}
                captionHidden
                columns={[t('triage.urgency'), t('kpi.targetCol'), t('kpi.count'), t('kpi.medianH'), t('kpi.meanH'), t('kpi.withinTarget')]}
                rows={URGENCIES.map((u) => {
                  const c = k.by_urgency[u];
                  return {
                    key: u,
                    head: <UrgencyBadge urgency={u} />,
                    cells: [
                      c?.target_hours !== undefined ? formatTargetHours(c.target_hours) : '—',
                      c?.suppressed ? t('kpi.suppressed') : (c?.count ?? 0),
                      formatHours(c?.median_hours),
                      formatHours(c?.mean_hours),
                      formatPercent(c?.within_target_ratio),
                    ],
                  };
                })}
              />
            </Section>
            <Section title={t('kpi.byMonth')}>
              <MonthlyHoursChart k={k} />
              <MonthlyShareChart k={k} />
              <StatTable
                caption={t('kpi.byMonth')}
                captionHidden
                columns={[t('kpi.month'), t('kpi.count'), t('kpi.medianH'), t('kpi.meanH'), t('kpi.withinTarget')]}
                rows={k.by_month.map((m) => ({
                  key: m.month,
                  head: m.month,
                  cells: [
                    m.suppressed ? t('kpi.suppressed') : m.count,
                    formatHours(m.median_hours),
                    formatHours(m.mean_hours),
                    formatPercent(m.within_target_ratio),
                  ],
                }))}
              />
            </Section>
          </div>
        </>
      )}
      <SafetyChecksSection from={period.from} to={period.to} />
      <ExportLinks
        path={KPI_EXPORT_PATH}
        query={{ ...period, kind: 'safety_checks' }}
        label={t('paper.export.of', { what: t('kpi.safety.title') })}
        showLabel
      />
    </>
  );
}
