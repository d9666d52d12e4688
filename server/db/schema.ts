/** The Database interface Kysely checks queries against: each module owns its tables. */
import type { AuditLogTable } from '../access/audit.tables.js';
import type { LoginThrottleTable, RateLimitsTable, SessionsTable } from '../access/credentials.tables.js';
import type { AccountsTable } from '../modules/accounts/accounts.tables.js';
import type { AlertEventsTable, AlertsTable, WatchersTable } from '../modules/alerts/alerts.tables.js';
import type { CaseContactsTable, CaseEventsTable, CaseNotesTable, CasesTable } from '../modules/cases/cases.tables.js';
import type { CheckinPlansTable, CheckinsTable } from '../modules/checkins/checkins.tables.js';
import type { ConcernPhotosTable, ConcernsTable, IdempotencyKeysTable } from '../modules/concerns/concerns.tables.js';
import type {
  DeviceStateTable,
  IngestCredentialsTable,
  TelemetryTable,
  WatchDevicesTable,
  WatchSettingsTable,
} from '../modules/devices/devices.tables.js';
import type { NotificationsTable, OutboxTable } from '../modules/notifications/notifications.tables.js';
import type { Open311UpdatesTable } from '../modules/open311/open311.tables.js';
import type {
  ApiKeysTable,
  DeviceTokensTable,
  EnrollmentCodesTable,
  PartnerAgreementsTable,
  PartnersTable,
} from '../modules/partners/partners.tables.js';
import type { ConsentsTable, HouseholdsTable, PeopleTable } from '../modules/people/people.tables.js';
import type { AgenciesTable, ReferralsTable } from '../modules/referrals/referrals.tables.js';
import type { AreasTable, HubAreasTable, HubsTable, TenantCountersTable, TenantsTable } from '../modules/tenants/tenants.tables.js';

export interface Database {
  tenants: TenantsTable;
  tenant_counters: TenantCountersTable;
  areas: AreasTable;
  hubs: HubsTable;
  hub_areas: HubAreasTable;
  partners: PartnersTable;
  agencies: AgenciesTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
  households: HouseholdsTable;
  people: PeopleTable;
  consents: ConsentsTable;
  cases: CasesTable;
  concerns: ConcernsTable;
  idempotency_keys: IdempotencyKeysTable;
  case_contacts: CaseContactsTable;
  case_notes: CaseNotesTable;
  referrals: ReferralsTable;
  case_events: CaseEventsTable;
  notifications: NotificationsTable;
  outbox: OutboxTable;
  open311_updates: Open311UpdatesTable;
  partner_agreements: PartnerAgreementsTable;
  enrollment_codes: EnrollmentCodesTable;
  device_tokens: DeviceTokensTable;
  api_keys: ApiKeysTable;
  concern_photos: ConcernPhotosTable;
  rate_limits: RateLimitsTable;
  watch_devices: WatchDevicesTable;
  ingest_credentials: IngestCredentialsTable;
  telemetry: TelemetryTable;
  device_state: DeviceStateTable;
  watch_settings: WatchSettingsTable;
  watchers: WatchersTable;
  alerts: AlertsTable;
  alert_events: AlertEventsTable;
  checkin_plans: CheckinPlansTable;
  checkins: CheckinsTable;
}
