/**
 * Roles (DESIGN.md §1) and what each may do. This matrix is the only place that decides who
 * may call what; routes name a permission and services check it (requireAccess).
 * Least privilege: `partner` files concerns and reads its own acknowledgements, nothing more;
 * `analyst` sees aggregates only.
 */
export const ROLES = [
  'hub_staff',
  'hub_lead',
  'outreach',
  'partner',
  'supporter',
  'coordinator',
  'counselor',
  'helper',
  'analyst',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'concern:create', // file a concern
  'concern:read_own', // own reports' acknowledgement and coarse status
  'concern:read', // any concern of the tenant, with reporter details
  'triage:read',
  'triage:write',
  'case:read',
  'case:write', // notes, status, contacts
  'case:assign',
  'contact:write',
  'person:read',
  'person:write',
  'referral:write',
  'referral:override', // share without consent to protect life (APPI art. 27(1)(ii)); leads only
  'kpi:read',
  'notification:read',
  'directory:read', // categories, areas, hubs, agencies: no personal data
  'account:read',
  'account:write',
  'audit:read',
  'settings:write', // urgency targets, concern categories
  'partner:read', // partner organisations, agreements, enrolled devices, report counts
  'partner:write', // manage partners, agreements, stickers, enrollment codes, devices, API keys
  'device:read', // watch devices of people, their state, telemetry counters
  'device:write', // register watch devices, rotate/revoke their tokens, ingestion credentials
  'alert:read', // watch alerts (technical only without person:read), watchers, watch settings
  'alert:write', // acknowledge and resolve alerts
  'watcher:write', // a person's watchers (family, neighbours) and watch settings
  'checkin:read', // a person's check-in plans and answers (定期安否確認)
  'checkin:write', // record a person's opt-in: plans, schedule, channel
  'channel:read', // which delivery channels (email, LINE, SMS, web push, MQTT) are configured; no secrets
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const STAFF_CORE: Permission[] = [
  'concern:create',
  'concern:read',
  'triage:read',
  'triage:write',
  'case:read',
  'case:write',
  'contact:write',
  'person:read',
  'person:write',
  'referral:write',
  'kpi:read',
  'notification:read',
  'directory:read',
];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  hub_staff: new Set<Permission>([
    ...STAFF_CORE,
    'device:read',
    'device:write',
    'alert:read',
    'alert:write',
    'watcher:write',
    'checkin:read',
    'checkin:write',
  ]),
  hub_lead: new Set<Permission>([
    ...STAFF_CORE,
    'device:read',
    'device:write',
    'alert:read',
    'alert:write',
    'watcher:write',
    'checkin:read',
    'checkin:write',
    'case:assign',
    'referral:override',
    'audit:read',
    'account:read',
    'partner:read',
    'channel:read',
  ]),
  outreach: new Set<Permission>([
    'device:read',
    'concern:create',
    'case:read',
    'contact:write',
    'person:read',
    'notification:read',
    'directory:read',
    'checkin:read',
    'alert:read',
    'alert:write',
  ]),
  partner: new Set<Permission>(['concern:create', 'concern:read_own', 'directory:read']),
  supporter: new Set<Permission>(['concern:create', 'concern:read_own', 'directory:read']),
  coordinator: new Set<Permission>([
    'device:read',
    'device:write',
    'concern:create',
    'kpi:read',
    'directory:read',
    'account:read',
    'partner:read',
    'partner:write',
    'checkin:read',
    'checkin:write',
    'alert:read',
    'alert:write', // technical alerts only (device faults): access/policies.ts mayHandleAlert
    'watcher:write',
    'channel:read',
  ]),
  counselor: new Set<Permission>(['concern:create', 'directory:read']),
  helper: new Set<Permission>(['concern:create', 'directory:read']),
  analyst: new Set<Permission>(['kpi:read', 'directory:read']),
  admin: new Set<Permission>([
    'account:read',
    'account:write',
    'audit:read',
    'directory:read',
    'kpi:read',
    'settings:write',
    'channel:read',
  ]),
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}
