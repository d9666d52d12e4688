/**
 * The console's translations: the core files (ja.json, en.json) plus one file per feature area
 * under ja/ and en/ (same file name in both), merged key by key. Splitting by area lets work on
 * different parts of the console add strings without touching one shared file; a key may be
 * defined in only one file (web/src/i18n.test.ts checks), so the merge order never matters.
 */
import enCore from './en.json';
import jaCore from './ja.json';

export type Tree = { [k: string]: string | Tree };

const jaParts = import.meta.glob<Tree>('./ja/*.json', { eager: true, import: 'default' });
const enParts = import.meta.glob<Tree>('./en/*.json', { eager: true, import: 'default' });

/** Deep-merges `add` into `into` (new object); a leaf defined twice is reported through `dup`. */
export function mergeTrees(into: Tree, add: Tree, dup: (key: string) => void = () => {}, prefix = ''): Tree {
  const out: Tree = { ...into };
  for (const [k, v] of Object.entries(add)) {
    const cur = out[k];
    if (cur === undefined) out[k] = v;
    else if (typeof cur === 'object' && typeof v === 'object') out[k] = mergeTrees(cur, v, dup, `${prefix}${k}.`);
    else {
      dup(`${prefix}${k}`);
      out[k] = v;
    }
  }
  return out;
}

function merged(core: Tree, parts: Record<string, Tree>): Tree {
  return Object.keys(parts)
    .sort()
    .reduce((acc, file) => mergeTrees(acc, parts[file]), core);
}

export const ja: Tree = merged(jaCore as Tree, jaParts);
export const en: Tree = merged(enCore as Tree, enParts);

/** Every locale file by language, for the test that no key is defined twice. */
export const localeFiles = {
  ja: { 'ja.json': jaCore as Tree, ...jaParts },
  en: { 'en.json': enCore as Tree, ...enParts },
};
