import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en, ja, localeFiles, mergeTrees, type Tree } from './locales/index';

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree)
    .flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)))
    .sort();
}

function placeholders(s: string): string[] {
  return [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
}

function lookup(tree: Tree, key: string): string | Tree | undefined {
  return key.split('.').reduce<string | Tree | undefined>((t, k) => (t && typeof t === 'object' ? t[k] : undefined), tree);
}

describe('console locales', () => {
  it('each key is defined in one locale file only, and each area file exists in both languages', () => {
    for (const lang of ['ja', 'en'] as const) {
      const dups: string[] = [];
      Object.values(localeFiles[lang]).reduce<Tree>((acc, tree) => mergeTrees(acc, tree, (k) => dups.push(k)), {});
      expect(dups, lang).toEqual([]);
    }
    const names = (lang: 'ja' | 'en') =>
      Object.keys(localeFiles[lang])
        .filter((f) => f.includes('/'))
        .map((f) => path.basename(f));
    expect(names('en')).toEqual(names('ja'));
  });

  it('ja and en have exactly the same keys', () => {
    expect(keys(en as Tree)).toEqual(keys(ja as Tree));
  });

  it('every translation is non-empty and uses the same placeholders in both languages', () => {
    for (const key of keys(ja as Tree)) {
      const j = lookup(ja as Tree, key) as string;
      const e = lookup(en as Tree, key) as string;
      expect(j.trim(), key).not.toBe('');
      expect(e.trim(), key).not.toBe('');
      expect(placeholders(e), key).toEqual(placeholders(j));
    }
  });

  it('every literal key used in the source exists in the locales', () => {
    const src = path.dirname(fileURLToPath(import.meta.url));
    const files = fs.readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'));
    const missing: string[] = [];
    for (const f of files) {
      const text = fs.readFileSync(path.join(src, f), 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
        if (typeof lookup(ja as Tree, m[1]) !== 'string') missing.push(`${f}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
