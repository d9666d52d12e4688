import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

type Tree = { [k: string]: string | Tree };
const dir = path.dirname(fileURLToPath(import.meta.url));
const LOCALES = ['ja', 'ja-easy', 'en', 'zh-Hans', 'ko', 'vi', 'pt-BR', 'tl', 'ne'];
const load = (l: string) => JSON.parse(fs.readFileSync(path.join(dir, 'locales', `${l}.json`), 'utf8')) as Tree;

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree)
    .flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)))
    .sort();
}
function lookup(tree: Tree, key: string): string | Tree | undefined {
  return key.split('.').reduce<string | Tree | undefined>((t, k) => (t && typeof t === 'object' ? t[k] : undefined), tree);
}
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('field app locales', () => {
  const ja = load('ja');

  it('has a file for every language in the picker, and no other', async () => {
    const files = fs
      .readdirSync(path.join(dir, 'locales'))
      .map((f) => f.replace(/\.json$/, ''))
      .sort();
    expect(files).toEqual([...LOCALES].sort());
    const src = fs.readFileSync(path.join(dir, 'i18n.ts'), 'utf8');
    for (const l of LOCALES) expect(src, l).toContain(`code: '${l}'`);
  });

  it.each(LOCALES)('%s has exactly the keys of ja, none empty, with the same placeholders', (l) => {
    const tree = load(l);
    expect(keys(tree)).toEqual(keys(ja));
    for (const key of keys(ja)) {
      const s = lookup(tree, key) as string;
      expect(s.trim(), `${l}:${key}`).not.toBe('');
      expect(placeholders(s), `${l}:${key}`).toEqual(placeholders(lookup(ja, key) as string));
    }
  });

  it('every key the source uses exists (literal and template keys)', () => {
    const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'));
    const all = keys(ja);
    const missing: string[] = [];
    for (const f of files) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g))
        if (typeof lookup(ja, m[1]!) !== 'string') missing.push(`${f}: ${m[1]}`);
      // `prefix.${x}` keys: some key must start with the prefix.
      for (const m of text.matchAll(/\bt\(\s*`([a-zA-Z0-9_.]+)\$\{/g))
        if (!all.some((k) => k.startsWith(m[1]!))) missing.push(`${f}: ${m[1]}…`);
    }
    expect(missing).toEqual([]);
  });

  it('knows every default category code', () => {
    const codes = [
      'mail_piling_up',
      'not_seen',
      'lights',
      'laundry',
      'smell_noise',
      'appearance',
      'dementia',
      'abuse_neglect',
      'consumer_fraud',
      'hoarding',
      'child_alone',
      'other',
    ];
    for (const c of codes) expect(typeof lookup(ja, `cat.${c}`), c).toBe('string');
  });
});
