/**
 * The browser tests drive Debian's Chromium (no browser download: the machine has no internet
 * but Debian's packages). `npm test` runs this first so that `npm ci && npm test` works on a fresh
 * machine: when Chromium is missing and we are root on Debian, it installs `chromium` and
 * `fonts-noto-cjk` (Japanese glyphs for screenshots) with apt-get; otherwise it says what to do.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { userInfo } from 'node:os';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function installed(pkg: string): boolean {
  try {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax, not a JS template
    return execFileSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).includes('install ok installed');
  } catch {
    return false;
  }
}

const missing = [
  ...(fs.existsSync(CHROMIUM) ? [] : ['chromium']),
  ...(fs.existsSync('/usr/bin/dpkg-query') && !installed('fonts-noto-cjk') ? ['fonts-noto-cjk'] : []),
];
if (missing.length === 0) process.exit(0);
if (!fs.existsSync(CHROMIUM) && process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH=${CHROMIUM} does not exist.`);
  process.exit(1);
}
if (userInfo().uid === 0 && fs.existsSync('/usr/bin/apt-get')) {
  console.log(`Browser tests need ${missing.join(' and ')}: installing with apt-get (Debian packages) …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  process.exit(0);
}
if (!fs.existsSync(CHROMIUM)) {
  console.error(`The browser tests need Chromium at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium fonts-noto-cjk`);
  console.error('(or set CHROMIUM_PATH to a Chromium or Chrome binary).');
  process.exit(1);
}
// Chromium is there; only the Japanese fonts are missing: screenshots show boxes, tests still run.
console.warn(`fonts-noto-cjk is not installed: Japanese text in screenshots will not render (apt-get install -y fonts-noto-cjk).`);
