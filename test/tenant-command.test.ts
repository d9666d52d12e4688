/**
 * Onboarding a municipality (`npm run tenant`, issue #8 §1): the command makes the tenant, its
 * hub, its areas and a first admin whose one-time password works once, for one thing only:
 * choosing a new password. Run once as a real process against the test database, the rest
 * through its function.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTenantCommand } from '../scripts/tenant.js';
import { createTestApp, loginAs, type TestApp } from './helpers/app.js';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const AREAS = path.join(root, 'server/seed/data/demo-areas.geojson');
const P = '/api/v1';
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

async function command(...argv: string[]) {
  const lines: string[] = [];
  const result = await runTenantCommand(t.ctx.db, t.clock, argv, (l) => lines.push(l));
  return { result, lines };
}

describe('npm run tenant -- create', () => {
  it('creates the municipality, its hub and areas, and an admin who must change the one-time password first', async () => {
    const { result, lines } = await command(
      'create',
      '--slug',
      'minami',
      '--name',
      '南市',
      '--admin-email',
      'Admin@Minami.example',
      '--areas',
      AREAS,
    );
    expect(result).not.toBeNull();
    const password = result!.password;
    expect(password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(lines.join('\n')).toContain(password);
    expect(lines.join('\n')).toContain('admin@minami.example');
    const tenant = await t.ctx.db.selectFrom('tenants').selectAll().where('slug', '=', 'minami').executeTakeFirstOrThrow();
    expect(tenant.name).toBe('南市');
    const areas = await t.ctx.db.selectFrom('areas').select('id').where('tenant_id', '=', tenant.id).execute();
    expect(areas.length).toBeGreaterThan(0);
    const served = await t.ctx.db.selectFrom('hub_areas').select('area_id').where('tenant_id', '=', tenant.id).execute();
    expect(served).toHaveLength(areas.length);
    const admin = await t.ctx.db.selectFrom('accounts').selectAll().where('tenant_id', '=', tenant.id).executeTakeFirstOrThrow();
    expect(admin).toMatchObject({ email: 'admin@minami.example', role: 'admin', password_change_required: true });
    expect(admin.password_hash).not.toContain(password);

    // First login: the one-time password opens only the way to replace it.
    const a = await loginAs(t.app, 'admin@minami.example', password);
    expect(a.body).toMatchObject({ tenant_slug: 'minami', role: 'admin', password_change_required: true });
    expect((await a.get(`${P}/accounts`)).json().error.code).toBe('password_change_required');
    const changed = await a.post(`${P}/auth/password`, { current_password: password, new_password: 'minami-no-umi-wa-aoi-2026' });
    expect(changed.statusCode, changed.body).toBe(204);
    const accounts = await a.get(`${P}/accounts`);
    expect(accounts.statusCode).toBe(200);
    expect(accounts.json().items).toHaveLength(1);
    // The creation is in the new municipality's audit log.
    const audit = (await a.get(`${P}/audit?entity_type=account`)).json().items;
    expect(audit.map((i: { action: string }) => i.action)).toEqual(expect.arrayContaining(['create', 'login', 'password_change']));
  });

  it('refuses a slug in use and bad arguments, and writes nothing', async () => {
    const before = await t.ctx.db.selectFrom('tenants').select('id').execute();
    await expect(command('create', '--slug', 'alpha', '--name', 'もう一つ')).rejects.toMatchObject({ code: 'tenant_slug_taken' });
    await expect(command('create', '--slug', 'Bad Slug', '--name', 'x')).rejects.toThrow(/--slug/);
    await expect(command('create', '--slug', 'ok-slug', '--name', 'x', '--admin-email', 'not-an-email')).rejects.toThrow(/--admin-email/);
    await expect(command('create', '--slug', 'ok-slug', '--name', 'x', '--areas', '/no/such/file.geojson')).rejects.toThrow(/--areas/);
    expect(await t.ctx.db.selectFrom('tenants').select('id').execute()).toHaveLength(before.length);
  });

  it('lists the municipalities', async () => {
    const { lines } = await command('list');
    expect(lines.some((l) => l.startsWith('alpha') && l.includes('accounts: 10'))).toBe(true);
    expect(lines.some((l) => l.startsWith('minami'))).toBe(true);
  });
});

describe('the command as a process', () => {
  it('creates a municipality in the database DATABASE_URL names and prints the one-time password', async () => {
    const env = {
      ...process.env,
      DATABASE_URL: t.testDb.url,
      DATABASE_OWNER_URL: t.testDb.ownerUrl,
      ALLOW_NON_DURABLE_DATABASE: 'true',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'silent',
    };
    const tsx = path.join(root, 'node_modules/.bin/tsx');
    const { stdout } = await run(tsx, ['scripts/tenant.ts', 'create', '--slug', 'kita', '--name', '北町'], { cwd: root, env });
    const password = /One-time password[^:]*: (\S+)/.exec(stdout)?.[1];
    expect(password, stdout).toBeDefined();
    const a = await loginAs(t.app, 'admin@kita.invalid', password);
    expect(a.body.password_change_required).toBe(true);
    const list = await run(tsx, ['scripts/tenant.ts', 'list'], { cwd: root, env });
    expect(list.stdout).toMatch(/kita\s+北町/);
    const bad = await run(tsx, ['scripts/tenant.ts', 'create', '--slug', 'kita', '--name', '北町'], { cwd: root, env }).catch((e) => e);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('kita');
  });
});
