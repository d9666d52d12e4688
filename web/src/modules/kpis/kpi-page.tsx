import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { qs } from '../../app/api';
import { useApi } from '../../app/use-api';
import { formatHours, formatPercent, formatTargetHours, toLocalInput } from '../../app/format';
import { URGENCIES, type Kpis } from '../../app/types';
import { UrgencyBadge } from '../../app/ui/badges';
import { Button, TextInput } from '../../app/ui/fields';
import { ErrorAlert, Loading, PageHeading, Section, TableWrap } from '../../app/ui/page';
import { MonthlyHoursChart, MonthlyShareChart, UrgencyChart } from './kpi-charts';
import { SafetyChecksSection } from './safety-checks-section';

const day = (d: Date) => toLocalInput(d).slice(0, 10);

/** Time from receipt (覚知) to first contact; the headline target is under 24 hours. */
export function KpiPage() {
  const { t } = useTranslation();
  const today = new Date();
  const [from, setFrom] = useState(day(new Date(today.getTime() - 90 * 86400_000)));
  const [to, setTo] = useState(day(today));
  const [period, setPeriod] = useState({ from, to });
  const res = useApi<Kpis>(`/kpis/first-contact${qs({ from: period.from, to: period.to })}`);
  const k = res.data;

  function submit(e: FormEvent) {
    e.preventDefault();
    setPeriod({ from, to });
  }

  return (
    <>
      <PageHeading title={t('kpi.title')} />
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
          {k.small_cells_suppressed && <p className="alert alert--warn">{t('kpi.suppressedNote')}</p>}
          <section aria-labelledby="kpi-headline" className="stack">
            <h2 id="kpi-headline" className="visually-hidden">{t('kpi.headline')}</h2>
            <ul className="stats">
              <Stat label={t('kpi.count')} value={String(k.count ?? '—')} />
              <Stat label={t('kpi.median')} value={formatHours(k.median_hours)} unit={t('kpi.hours')} good={k.median_hours !== null && k.median_hours <= 24} />
              <Stat label={t('kpi.mean')} value={formatHours(k.mean_hours)} unit={t('kpi.hours')} good={k.mean_hours !== null && k.mean_hours <= 24} note={t('kpi.target24')} />
              <Stat label={t('kpi.withinTarget')} value={formatPercent(k.within_target_ratio)} />
              <Stat label={t('kpi.openWithoutContact')} value={String(k.open_without_contact ?? '—')} />
              <Stat label={t('kpi.overdue')} value={String(k.overdue ?? '—')} warn={(k.overdue ?? 0) > 0} />
            </ul>
          </section>
          <div className="two-col two-col--even">
            <Section title={t('kpi.byUrgency')}>
              <UrgencyChart k={k} />
              <TableWrap label={t('kpi.byUrgency')}>
              <table className="table table--compact">
                <caption className="visually-hidden">{t('kpi.byUrgency')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('triage.urgency')}</th>
                    <th scope="col">{t('kpi.targetCol')}</th>
                    <th scope="col">{t('kpi.count')}</th>
                    <th scope="col">{t('kpi.medianH')}</th>
                    <th scope="col">{t('kpi.meanH')}</th>
                    <th scope="col">{t('kpi.withinTarget')}</th>
                  </tr>
                </thead>
                <tbody>
                  {URGENCIES.map((u) => {
                    const c = k.by_urgency[u];
                    return (
                      <tr key={u}>
                        <th scope="row"><UrgencyBadge urgency={u} /></th>
                        <td>{c?.target_hours !== undefined ? formatTargetHours(c.target_hours) : '—'}</td>
                        <td>{c?.suppressed ? t('kpi.suppressed') : (c?.count ?? 0)}</td>
                        <td>{formatHours(c?.median_hours)}</td>
                        <td>{formatHours(c?.mean_hours)}</td>
                        <td>{formatPercent(c?.within_target_ratio)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              </TableWrap>
            </Section>
            <Section title={t('kpi.byMonth')}>
              <MonthlyHoursChart k={k} />
              <MonthlyShareChart k={k} />
              <TableWrap label={t('kpi.byMonth')}>
              <table className="table table--compact">
                <caption className="visually-hidden">{t('kpi.byMonth')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('kpi.month')}</th>
                    <th scope="col">{t('kpi.count')}</th>
                    <th scope="col">{t('kpi.medianH')}</th>
                    <th scope="col">{t('kpi.meanH')}</th>
                    <th scope="col">{t('kpi.withinTarget')}</th>
                  </tr>
                </thead>
                <tbody>
                  {k.by_month.map((m) => (
                    <tr key={m.month}>
                      <th scope="row">{m.month}</th>
                      <td>{m.suppressed ? t('kpi.suppressed') : m.count}</td>
                      <td>{formatHours(m.median_hours)}</td>
                      <td>{formatHours(m.mean_hours)}</td>
                      <td>{formatPercent(m.within_target_ratio)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              </TableWrap>
            </Section>
          </div>
        </>
      )}
      <SafetyChecksSection from={period.from} to={period.to} />
    </>
  );
}

function Stat({ label, value, unit, note, good, warn }: { label: string; value: string; unit?: string; note?: string; good?: boolean; warn?: boolean }) {
  const { t } = useTranslation();
  return (
    <li className={`stat${warn ? ' stat--warn' : ''}${good ? ' stat--good' : ''}`}>
      <span className="stat__label">{label}</span>
      <span className="stat__value">
        {value}
        {unit && <span className="stat__unit">{unit}</span>}
      </span>
      {note && <span className="stat__note">{note}{good !== undefined && ` · ${good ? t('kpi.met') : t('kpi.notMet')}`}</span>}
      {warn && <span className="stat__note"><span aria-hidden="true">⚠</span> {t('cases.overdue')}</span>}
    </li>
  );
}
