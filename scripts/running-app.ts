/**
 * Admin commands that open the embedded PostgreSQL must not start while the app runs it: only one
 * process can run the embedded server, and starting it again would stop the app's.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The pid of the app that runs the embedded postmaster under pgDir, or null (none, an orphan, no /proc). */
export function embeddedOwnedByRunningApp(pgDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 0);
    const ppid = Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
    const parent = fs.readFileSync(`/proc/${ppid}/cmdline`, 'utf8');
    return ppid > 1 && /node|tsx/.test(parent) ? ppid : null;
  } catch {
    return null; // no server, a dead pid, or no /proc: openDatabase handles those
  }
}
