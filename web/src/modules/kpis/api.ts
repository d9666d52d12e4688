/** KPI figures: time to first contact and safety checks (server: modules/kpis). */
import type { Json, Query } from '../../api/types';
import { call, client } from '../../app/api';
import { useLoad } from '../../app/use-api';

/** A cell may be suppressed (fewer than 5 cases) so nobody is identifiable: figures are then null. */
export type Kpis = Json<'/api/v1/kpis/first-contact'>;
export type KpiCell = Kpis['by_urgency'][string];
export type KpiMonth = Kpis['by_month'][number];
export type SafetyKpis = Json<'/api/v1/kpis/safety-checks'>;
/** The figures every safety-check row has (the whole period, a severity, a month). */
export type SafetyCell = Omit<SafetyKpis['by_month'][number], 'month'>;
export type Period = Query<'/api/v1/kpis/first-contact'>;

/** Receipt to first contact over the period, overall, by urgency and by month. */
export function useFirstContactKpis(period: Period) {
  return useLoad(['/api/v1/kpis/first-contact', period], (signal) =>
    call(client.GET('/api/v1/kpis/first-contact', { params: { query: period }, signal })),
  );
}

/** Welfare alerts confirmed within target over the period. */
export function useSafetyCheckKpis(period: Query<'/api/v1/kpis/safety-checks'>) {
  return useLoad(['/api/v1/kpis/safety-checks', period], (signal) =>
    call(client.GET('/api/v1/kpis/safety-checks', { params: { query: period }, signal })),
  );
}

/** Where KPI tables download from as .xlsx / CSV (same period and small-cell rules as the page). */
export const KPI_EXPORT_PATH = '/api/v1/kpis/export';
