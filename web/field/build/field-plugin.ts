/**
 * Build-time part of the field app (PWA): moves the field entry HTML to dist/field.html (the
 * server serves it for /field, /field/* and /t/*), emits the web app manifest and its icons, and
 * builds the service worker (dist/field-sw.js) with the list of the field app's own files to
 * precache. The console's files are never precached.
 *
 * Why hand-written and not vite-plugin-pwa: one build emits two apps, the worker must control
 * both /field/* and /t/* (scope "/") yet leave the console and the API alone, and it shares the
 * outbox sender with the page for Background Sync. That is ~150 lines here, against workbox-build
 * and its large dependency tree (babel, rollup, terser) for a precache list.
 */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import { build, type Plugin } from 'vite';

const FIELD_HTML_IN = 'field/index.html';
const THEME = '#0017c1';

/** A minimal PNG encoder (RGBA, no filtering) so icons need no image library. */
function png(size: number, draw: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(draw(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The app mark: two linked rings (つながり, "connections") in white on the key blue. */
function iconPixel(size: number) {
  const r = size * 0.2;
  const w = size * 0.055;
  const c1 = [size * 0.39, size * 0.5];
  const c2 = [size * 0.61, size * 0.5];
  return (x: number, y: number): [number, number, number, number] => {
    const d1 = Math.hypot(x + 0.5 - c1[0]!, y + 0.5 - c1[1]!);
    const d2 = Math.hypot(x + 0.5 - c2[0]!, y + 0.5 - c2[1]!);
    const on = Math.abs(d1 - r) < w || Math.abs(d2 - r) < w;
    return on ? [255, 255, 255, 255] : [0x00, 0x17, 0xc1, 255];
  };
}

const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" fill="${THEME}"/><g fill="none" stroke="#fff" stroke-width="5.5"><circle cx="39" cy="50" r="20"/><circle cx="61" cy="50" r="20"/></g></svg>`;

const MANIFEST = {
  name: 'つながり 見守り報告',
  short_name: 'つながり',
  description: '見守りの気づきを地域の見守りハブへ届けるアプリ',
  lang: 'ja',
  start_url: '/field/report',
  scope: '/',
  id: '/field/',
  display: 'standalone',
  orientation: 'portrait',
  background_color: '#ffffff',
  theme_color: THEME,
  icons: [
    { src: '/field-icon.svg', sizes: 'any', type: 'image/svg+xml' },
    { src: '/field-icon-192.png', sizes: '192x192', type: 'image/png' },
    { src: '/field-icon-512.png', sizes: '512x512', type: 'image/png' },
    { src: '/field-icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
};

interface ChunkLike {
  type: 'chunk';
  fileName: string;
  name: string;
  isEntry: boolean;
  imports: string[];
  dynamicImports: string[];
  viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> };
}

export function fieldApp(): Plugin {
  let precache: string[] = [];
  let outDir = '';
  return {
    name: 'tsunagari-field-app',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    generateBundle(_opts, bundle) {
      const html = bundle[FIELD_HTML_IN];
      if (html?.type !== 'asset') throw new Error(`field app: ${FIELD_HTML_IN} missing from the bundle`);
      delete bundle[FIELD_HTML_IN];
      this.emitFile({ type: 'asset', fileName: 'field.html', source: html.source });
      this.emitFile({ type: 'asset', fileName: 'field-icon.svg', source: ICON_SVG });
      this.emitFile({ type: 'asset', fileName: 'field-icon-192.png', source: png(192, iconPixel(192)) });
      this.emitFile({ type: 'asset', fileName: 'field-icon-512.png', source: png(512, iconPixel(512)) });
      this.emitFile({ type: 'asset', fileName: 'field.webmanifest', source: JSON.stringify(MANIFEST, null, 2) });

      // Everything reachable from the field entry, lazily loaded chunks included (locales, map),
      // so any screen and any language opens offline.
      const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'field') as ChunkLike | undefined;
      if (!entry) throw new Error('field app: entry chunk not found');
      const seen = new Set<string>();
      const files = new Set<string>();
      const visit = (fileName: string) => {
        if (seen.has(fileName)) return;
        seen.add(fileName);
        files.add(fileName);
        const c = bundle[fileName] as ChunkLike | undefined;
        if (c?.type !== 'chunk') return;
        for (const f of c.viteMetadata?.importedCss ?? []) files.add(f);
        for (const f of c.viteMetadata?.importedAssets ?? []) files.add(f);
        for (const f of [...c.imports, ...c.dynamicImports]) visit(f);
      };
      visit(entry.fileName);
      precache = ['/field.html', '/field.webmanifest', '/field-icon.svg', '/field-icon-192.png', ...[...files].sort().map((f) => `/${f}`)];
    },
    async closeBundle() {
      if (!precache.length) return;
      const version = createHash('sha256').update(precache.join('\n')).digest('hex').slice(0, 12);
      await build({
        configFile: false,
        logLevel: 'warn',
        define: { __PRECACHE__: JSON.stringify(precache), __SW_VERSION__: JSON.stringify(version) },
        build: {
          outDir,
          emptyOutDir: false,
          copyPublicDir: false,
          minify: true,
          lib: {
            entry: fileURLToPath(new URL('../src/sw.ts', import.meta.url)),
            formats: ['iife'],
            name: 'fieldSw',
            fileName: () => 'field-sw.js',
          },
        },
      });
    },
  };
}
