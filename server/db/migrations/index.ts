/**
 * The migration list, imported statically so the same code runs under tsx, vitest and a
 * compiled build (a folder scan would need a loader for .ts files). Append new migrations;
 * never edit one that has landed.
 */
import type { Migration } from 'kysely';
import * as m0001 from './0001_core.js';
import * as m0002 from './0002_field_reporting.js';
import * as m0003 from './0003_partners.js';
import * as m0004 from './0004_devices.js';
import * as m0005 from './0005_devices_more.js';
import * as m0007 from './0007_checkins.js';
import * as m0008 from './0008_least_privilege.js';
import * as m0009 from './0009_accounts_login.js';
import * as m0010 from './0010_telemetry_isolation.js';
import * as m0011 from './0011_place_key.js';
import * as m0012 from './0012_case_glance.js';
import * as m0013 from './0013_honest_signals.js';
import * as m0014 from './0014_audit_by_time.js';

export const migrations: Record<string, Migration> = {
  '0001_core': m0001,
  '0002_field_reporting': m0002,
  '0003_partners': m0003,
  '0004_devices': m0004,
  '0005_devices_more': m0005,
  '0007_checkins': m0007,
  '0008_least_privilege': m0008,
  '0009_accounts_login': m0009,
  '0010_telemetry_isolation': m0010,
  '0011_place_key': m0011,
  '0012_case_glance': m0012,
  '0013_honest_signals': m0013,
  '0014_audit_by_time': m0014,
};
