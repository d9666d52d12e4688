/**
 * The embedded PostgreSQL as people meet it with `npm start`: the real server runs as a child
 * process on a DATA_DIR of its own.
 * - Supervised: a postmaster killed with -9 while the app runs is restarted and requests succeed
 *   again; when it cannot be restarted (its data directory is gone) the app exits non-zero and
 *   says what happened and what to do.
 * - Start-up errors say what to do: the port taken by something else; as root, a DATA_DIR the
 *   `postgres` system user cannot enter (a fresh clone under /root) works; without root and
 *   without access, the message names the directory and the fix.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  alive,
  children,
  freePort,
  loginAs,
  parentPid,
  postmasterPid,
  removeDataDir,
  request,
  type ServerProcess,
  spawnServer,
  startServer,
  stopServer,
  until,
} from './helpers/server-process.js';

const TIMEOUT = 240_000;
const isRoot = process.getuid?.() === 0;
const dirs = new Set<string>();

function tempDir(mode = 0o755): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-embedded-'));
  fs.chmodSync(dir, mode);
  dirs.add(dir);
  return dir;
}

async function env(dataDir: string): Promise<Record<string, string>> {
  return { DATA_DIR: dataDir, PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()) };
}

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of dirs) await removeDataDir(dir);
}, 60_000);

describe('the embedded PostgreSQL is supervised', () => {
  let server: ServerProcess | null = null;
  let dataDir = '';

  it(
    'kill -9 of the postmaster while the app runs: the app restarts it and requests succeed again',
    async () => {
      dataDir = tempDir();
      server = await startServer({ ...(await env(dataDir)), LOG_LEVEL: 'info' });
      const s = server;
      await loginAs(s, 'hub_staff@demo.example');
      const first = postmasterPid(dataDir)!;
      expect(parentPid(first), 'the postmaster is a child of the app').toBe(s.child.pid);

      process.kill(first, 'SIGKILL');
      await until(
        'a new postmaster started by the app',
        () => {
          const pid = postmasterPid(dataDir);
          return pid !== null && pid !== first && alive(pid) && parentPid(pid) === s.child.pid;
        },
        60_000,
      );
      // The pool reconnects: logins (sessions, audit) work again without restarting the app.
      await until(
        'a login to succeed again',
        async () => (await loginAs(s, 'hub_staff@demo.example').catch(() => null)) !== null,
        30_000,
        250,
      );
      const staff = await loginAs(s, 'hub_staff@demo.example');
      const res = await request(s.agent, s.base, 'GET', '/api/v1/triage', staff.headers);
      expect(res.status, res.body).toBe(200);
      expect(s.child.exitCode, 'the app kept running').toBeNull();
      expect(s.output()).toMatch(/embedded PostgreSQL .*exited unexpectedly/i);
      expect(s.output()).toMatch(/embedded PostgreSQL is running again/i);
    },
    TIMEOUT,
  );

  it(
    'when its data directory is gone it cannot be restarted: the app exits non-zero and says what to do',
    async () => {
      expect(server, 'the first test started a server').not.toBeNull();
      const s = server!;
      const pid = postmasterPid(dataDir)!;
      const cluster = fs.realpathSync(path.join(dataDir, 'pg'));
      fs.renameSync(cluster, `${cluster}.moved`);
      process.kill(pid, 'SIGKILL');
      const exit = await Promise.race([s.exited, new Promise<null>((r) => setTimeout(() => r(null), 60_000))]);
      expect(exit, `the app exits; output:\n${s.output()}`).not.toBeNull();
      expect(exit!.code).not.toBe(0);
      expect(exit!.code).not.toBeNull();
      const out = s.output();
      expect(out).toContain(cluster);
      expect(out).toMatch(/data directory .*(gone|missing)/i);
      expect(out).toMatch(/restore/i);
      fs.renameSync(`${cluster}.moved`, cluster);
    },
    TIMEOUT,
  );
});

describe('start-up errors say what to do', () => {
  it(
    'the embedded port already in use: the message names the port, EMBEDDED_PG_PORT and the likely cause',
    async () => {
      const e = await env(tempDir());
      const holder = net.createServer();
      await new Promise<void>((r) => holder.listen(Number(e.EMBEDDED_PG_PORT), '127.0.0.1', r));
      try {
        const { exited, output } = spawnServer(e);
        const exit = await exited;
        expect(exit.code, output()).not.toBe(0);
        expect(output()).toContain(e.EMBEDDED_PG_PORT);
        expect(output()).toContain('EMBEDDED_PG_PORT');
        expect(output()).toMatch(/another Tsunagari/);
        expect(output()).toMatch(/PostgreSQL/);
        expect(output()).not.toMatch(/undefined/);
      } finally {
        holder.close();
      }
    },
    TIMEOUT,
  );

  it.runIf(isRoot)(
    'as root, a DATA_DIR inside a 0700 directory works: the cluster lives where postgres can reach it, behind a DATA_DIR/pg link',
    async () => {
      const home = tempDir(0o700); // like /root: the postgres system user cannot enter it
      const dataDir = path.join(home, 'clone', 'data');
      dirs.delete(home);
      dirs.add(dataDir).add(home); // the cluster behind the link first, then the rest
      const e = await env(dataDir);
      let server = await startServer(e);
      await loginAs(server, 'hub_staff@demo.example');
      const link = path.join(dataDir, 'pg');
      expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
      const target = fs.readlinkSync(link);
      expect(server.output()).toContain(target);
      const stat = fs.statSync(target);
      expect(stat.uid).toBe(Number(execFileSync('id', ['-u', 'postgres']).toString()));
      expect(stat.mode & 0o777).toBe(0o700);
      expect(fs.existsSync(path.join(target, 'PG_VERSION'))).toBe(true);
      let exit = await stopServer(server);
      expect(exit?.code, server.output()).toBe(0);

      // The next start finds the same cluster (the demo data is still there).
      server = await startServer(e);
      expect(server.output()).toContain('Demo tenant "demo" is ready');
      expect(fs.readlinkSync(link)).toBe(target);
      await loginAs(server, 'hub_staff@demo.example');
      exit = await stopServer(server);
      expect(exit?.code, server.output()).toBe(0);
      await removeDataDir(dataDir);
      expect(fs.existsSync(target), 'removing the data removes the cluster behind the link').toBe(false);
    },
    TIMEOUT,
  );

  it.runIf(isRoot)(
    'without root and without access to DATA_DIR, the message names the directory and the fix',
    async () => {
      const home = tempDir(0o700);
      const dataDir = path.join(home, 'data');
      const { exited, output } = spawnServer(await env(dataDir), { user: { uid: 65534, gid: 65534 } });
      const exit = await exited;
      expect(exit.code, output()).not.toBe(0);
      expect(output()).toContain(dataDir);
      expect(output()).toContain('DATA_DIR');
      expect(output()).toMatch(/permission/i);
    },
    TIMEOUT,
  );
});
