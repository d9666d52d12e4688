import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { messageFor, pickLocale } from './i18n.js';
import en from './locales/en.json' with { type: 'json' };
import ja from './locales/ja.json' with { type: 'json' };

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o)
    .flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
    .sort();
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

describe('server messages', () => {
  it('ja and en have exactly the same keys', () => {
    expect(keys(en)).toEqual(keys(ja));
  });

  it('every error code thrown in the server has a message in both languages', () => {
    const codes = new Set<string>();
    for (const f of sourceFiles(path.resolve('server'))) {
      for (const m of fs.readFileSync(f, 'utf8').matchAll(/new AppError\(\d{3}, '([a-z_]+)'/g)) codes.add(m[1]!);
    }
    expect(codes.size).toBeGreaterThan(20);
    const missing = [...codes].filter((c) => !(c in ja.errors) || !(c in en.errors));
    expect(missing).toEqual([]);
  });

  it('picks Japanese unless English is preferred', () => {
    expect(pickLocale(undefined)).toBe('ja');
    expect(pickLocale('en-US,en;q=0.9,ja;q=0.8')).toBe('en');
    expect(pickLocale('ja,en;q=0.9')).toBe('ja');
    expect(pickLocale('fr-FR')).toBe('ja');
    expect(messageFor('en', 'login_throttled', { minutes: 15 })).toBe('Too many failed logins. Try again in 15 minutes.');
  });
});
