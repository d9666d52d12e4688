/** Watch alerts, watchers and a person's watch settings (server: modules/alerts). */
import { allOf, type Body, type Item, type Json, type Query } from '../../api/types';
import { call, client } from '../../app/api';
import { useLoad } from '../../app/use-api';

export type AlertList = Json<'/api/v1/alerts'>;
export type AlertQuery = Query<'/api/v1/alerts'>;
export type Alert = Item<AlertList>;
export type AlertDetail = Json<'/api/v1/alerts/{id}'>;
export type AlertEvent = AlertDetail['timeline'][number];
export type AlertType = NonNullable<AlertQuery['type']>;
export type AlertStatusFilter = NonNullable<AlertQuery['status']>;
export type AlertCategory = NonNullable<AlertQuery['category']>;
export type AlertResolution = Body<'/api/v1/alerts/{id}/resolve', 'post'>;
export type AlertOutcome = AlertResolution['outcome'];
export type Watcher = Item<Json<'/api/v1/people/{id}/watchers'>>;
export type NewWatcher = Body<'/api/v1/people/{id}/watchers', 'post'>;
export type WatcherChannel = NewWatcher['channel'];
export type WatchSettingsView = Json<'/api/v1/people/{id}/watch-settings'>;
export type WatchSettingsUpdate = Body<'/api/v1/people/{id}/watch-settings', 'put'>;

export const ALERT_TYPES = allOf<AlertType>()([
  'emergency_button',
  'inactivity',
  'standby_power',
  'power_profile',
  'device_silent',
  'battery_low',
  'checkin_missed',
  'checkin_talk',
]);
export const ALERT_STATUS_FILTERS = allOf<AlertStatusFilter>()(['open', 'active', 'acknowledged', 'resolved']);
export const ALERT_CATEGORIES = allOf<AlertCategory>()(['welfare', 'technical']);
export const ALERT_OUTCOMES = allOf<AlertOutcome>()([
  'safe',
  'needs_support',
  'emergency_services',
  'not_reached',
  'technical_fixed',
  'false_alarm',
]);
export const WATCHER_CHANNELS = allOf<WatcherChannel>()(['email', 'line', 'sms']);
/**
 * Alert severities, most severe first. The answer types `severity` as a plain string, so this
 * list is the console's own (kept in step with the server's alert rules).
 */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type AlertSeverity = (typeof SEVERITIES)[number];

/**
 * The rule settings a person's `settings` may hold besides the ladder timings. The OpenAPI
 * document leaves `settings` open (`{ [key]: unknown }`), so these keys are described here.
 */
export interface WatchRuleSettings {
  inactivityHours?: number;
  quietHours?: { from: string; to: string } | null;
  standbyWatts?: number;
  standbyHours?: number;
  silenceHours?: number;
  batteryLowPercent?: number;
  watcherConfirmMinutes?: number;
  hubEscalateMinutes?: number;
  awayUntil?: string | null;
}

/** Alerts matching `query`, newest first; refetched when it changes. Pass null to skip. */
export function useAlerts(query: AlertQuery | null) {
  return useLoad(query && ['/api/v1/alerts', query], (signal) =>
    call(client.GET('/api/v1/alerts', { params: { query: query ?? {} }, signal })),
  );
}

export function getAlert(id: string, signal?: AbortSignal): Promise<AlertDetail> {
  return call(client.GET('/api/v1/alerts/{id}', { params: { path: { id } }, signal }));
}

/** An alert with its timeline. */
export function useAlert(id: string) {
  return useLoad(['/api/v1/alerts/{id}', id], (signal) => getAlert(id, signal));
}

export function acknowledgeAlert(id: string) {
  return call(client.POST('/api/v1/alerts/{id}/acknowledge', { params: { path: { id } } }));
}

export function resolveAlert(id: string, body: AlertResolution) {
  return call(client.POST('/api/v1/alerts/{id}/resolve', { params: { path: { id } }, body }));
}

export function useWatchers(personId: string) {
  return useLoad(['/api/v1/people/{id}/watchers', personId], (signal) =>
    call(client.GET('/api/v1/people/{id}/watchers', { params: { path: { id: personId } }, signal })),
  );
}

export function addWatcher(personId: string, body: NewWatcher) {
  return call(client.POST('/api/v1/people/{id}/watchers', { params: { path: { id: personId } }, body }));
}

export function updateWatcher(id: string, body: Body<'/api/v1/watchers/{id}', 'patch'>) {
  return call(client.PATCH('/api/v1/watchers/{id}', { params: { path: { id } }, body }));
}

export async function removeWatcher(id: string): Promise<void> {
  await call(client.DELETE('/api/v1/watchers/{id}', { params: { path: { id } } }));
}

/** The stored settings (`settings`) and the ladder timings in force (`effective`). */
export function useWatchSettings(personId: string) {
  return useLoad(['/api/v1/people/{id}/watch-settings', personId], (signal) =>
    call(client.GET('/api/v1/people/{id}/watch-settings', { params: { path: { id: personId } }, signal })),
  );
}

/** Merges keys into the stored settings; null removes a key (back to the default). */
export function saveWatchSettings(personId: string, body: WatchSettingsUpdate) {
  return call(client.PUT('/api/v1/people/{id}/watch-settings', { params: { path: { id: personId } }, body }));
}
