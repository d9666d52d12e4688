/**
 * Charts are a visual aid only: each is hidden from assistive technology and the same
 * figures are in the table beside it.
 */

import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { URGENCIES } from '../cases/api';
import type { Kpis } from './api';

const BLUE = '#0031d8'; // --color-primitive-blue-800
const ORANGE = '#c74700'; // orange-900, 4.5:1 on white
const GREEN = '#197a4b'; // green-800
const RED = '#ec0000';

function Figure({ caption, children }: { caption: string; children: React.ReactElement }) {
  return (
    <figure className="chart">
      <figcaption className="chart__caption">{caption}</figcaption>
      <div aria-hidden="true" className="chart__canvas">
        <ResponsiveContainer width="100%" height={240}>
          {children}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

export function UrgencyChart({ k }: { k: Kpis }) {
  const { t } = useTranslation();
  const data = URGENCIES.map((u) => ({
    name: t(`urgency.${u}`),
    median: k.by_urgency[u]?.median_hours ?? 0,
    mean: k.by_urgency[u]?.mean_hours ?? 0,
  }));
  return (
    <Figure caption={t('kpi.chartUrgency')}>
      <BarChart data={data} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="name" />
        <YAxis unit="h" />
        <Tooltip />
        <Legend />
        <Bar dataKey="median" name={t('kpi.medianH')} fill={BLUE} isAnimationActive={false} />
        <Bar dataKey="mean" name={t('kpi.meanH')} fill={ORANGE} isAnimationActive={false} />
      </BarChart>
    </Figure>
  );
}

export function MonthlyHoursChart({ k }: { k: Kpis }) {
  const { t } = useTranslation();
  return (
    <Figure caption={t('kpi.chartMonthHours')}>
      <LineChart data={k.by_month} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="month" />
        <YAxis unit="h" />
        <Tooltip />
        <Legend />
        <ReferenceLine
          y={24}
          stroke={RED}
          strokeDasharray="6 3"
          label={{ value: t('kpi.target24'), position: 'insideTopRight', fill: '#a30000' }}
        />
        <Line type="linear" dataKey="median_hours" name={t('kpi.medianH')} stroke={BLUE} strokeWidth={2} dot isAnimationActive={false} />
        <Line
          type="linear"
          dataKey="mean_hours"
          name={t('kpi.meanH')}
          stroke={ORANGE}
          strokeWidth={2}
          strokeDasharray="4 2"
          dot
          isAnimationActive={false}
        />
      </LineChart>
    </Figure>
  );
}

export function MonthlyShareChart({ k }: { k: Kpis }) {
  const { t } = useTranslation();
  const data = k.by_month.map((m) => ({
    month: m.month,
    share: m.within_target_ratio === null ? null : Math.round(m.within_target_ratio * 1000) / 10,
  }));
  return (
    <Figure caption={t('kpi.chartShare')}>
      <BarChart data={data} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="month" />
        <YAxis unit="%" domain={[0, 100]} />
        <Tooltip />
        <Bar dataKey="share" name={t('kpi.withinTarget')} fill={GREEN} isAnimationActive={false} />
      </BarChart>
    </Figure>
  );
}
