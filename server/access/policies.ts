/**
 * Resource rules: what a principal may do with a particular record, beyond the route's
 * permission (roles.ts). Every such rule lives here, so a reviewer reads one file to know who can
 * see or change what (after immich's utils/access.ts and outline's server/policies). Services call
 * these after requireAccess; none of them touches the database.
 */
import { AppError } from '../errors.js';
import type { Principal } from './principal.js';
import { can } from './roles.js';

/** Roles that intake reports for others (phone, counter) and so may set channel, reporter and anonymity. */
const INTAKE_ROLES: ReadonlySet<string> = new Set(['hub_staff', 'hub_lead', 'outreach', 'coordinator', 'counselor']);

/** Staff record reports taken by phone or at the counter on someone else's behalf. */
export function recordsForOthers(p: Principal): boolean {
  return INTAKE_ROLES.has(p.role);
}

/** Names and other personal data are shown only to roles that may read people. */
export function seesPersonalData(p: Principal): boolean {
  return can(p.role, 'person:read');
}

/** Roles without case access see aggregates only, with small cells suppressed (DESIGN.md §5). */
export function seesAggregatesOnly(p: Principal): boolean {
  return !can(p.role, 'case:read');
}

/**
 * Staff may take a case themselves; handing it to someone else is the lead's call (case:assign).
 * Throws 403 forbidden otherwise.
 */
export function requireMayAssign(p: Principal, assigneeId: string | null): void {
  if (assigneeId !== null && assigneeId !== p.accountId && !can(p.role, 'case:assign')) {
    throw new AppError(403, 'forbidden', undefined, { permission: 'case:assign' });
  }
}

/** Only these roles can be assigned a case. */
export function isAssignableRole(role: string): boolean {
  return role === 'hub_staff' || role === 'hub_lead' || role === 'outreach';
}

/**
 * A referral's legal basis: consent needs nothing more; the protection-of-life exception
 * (APPI art. 27(1)(ii)) only a hub lead may invoke.
 */
export function requireLegalBasisAllowed(p: Principal, basis: 'consent' | 'vital_interest'): void {
  if (basis === 'vital_interest' && !can(p.role, 'referral:override')) throw new AppError(403, 'override_requires_lead');
}

/** A welfare alert is personal data: to a role that may not read people it does not exist. */
export function maySeeAlert(p: Principal, category: 'welfare' | 'technical'): boolean {
  return category === 'technical' || seesPersonalData(p);
}

/**
 * Who may acknowledge and resolve an alert: welfare alerts (emergency button, inactivity, missed
 * check-ins) are the hub's and need person:read besides alert:write; technical alerts (silent
 * device, low battery) are device faults, which coordinators fix, so alert:write is enough.
 */
export function mayHandleAlert(p: Principal, category: 'welfare' | 'technical'): boolean {
  return can(p.role, 'alert:write') && maySeeAlert(p, category);
}

/** Throws 403 forbidden unless p may acknowledge and resolve an alert of this category. */
export function requireMayHandleAlert(p: Principal, category: 'welfare' | 'technical'): void {
  if (!mayHandleAlert(p, category)) throw new AppError(403, 'forbidden', undefined, { permission: 'alert:write' });
}

/** A person's watchers are read by those who manage them and by those who may read the person. */
export function requireWatcherRead(p: Principal): void {
  if (!can(p.role, 'watcher:write') && !can(p.role, 'person:read'))
    throw new AppError(403, 'forbidden', undefined, { permission: 'watcher:write' });
}

/** A reporter may add photos to their own report for a day after filing it; staff to any. */
export const REPORTER_PHOTO_WINDOW_MS = 86_400_000;

/**
 * Whether p may attach a photo to a concern: staff (concern:read) always; the reporter to their
 * own report within REPORTER_PHOTO_WINDOW_MS (403 photo_not_allowed after). Anyone else is told
 * the concern does not exist (404), so reporters cannot probe other reports.
 */
export function requirePhotoUpload(
  p: Principal,
  concern: { reporter_account_id: string | null; received_at: Date } | undefined,
  now: Date,
): void {
  const staff = can(p.role, 'concern:read');
  if (!concern || (!staff && concern.reporter_account_id !== p.accountId)) throw new AppError(404, 'concern_not_found');
  if (!staff && now.getTime() - concern.received_at.getTime() > REPORTER_PHOTO_WINDOW_MS) throw new AppError(403, 'photo_not_allowed');
}
