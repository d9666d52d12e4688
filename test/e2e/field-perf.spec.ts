/**
 * Field-app budget: the gzipped JavaScript of the first screen, and the time to a usable report
 * screen on a throttled 3G phone (CDP: 1.6 Mbps down, 750 kbps up, 150 ms RTT, CPU 4x slower),
 * cold cache, no service worker. Figures go to test-results/field-perf.json and docs/FIELD-APP.md.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';

let t: TestApp;
let browser: Browser;
let base: string;
const dist = path.resolve('web', 'dist');

beforeAll(async () => {
  t = await createTestApp({ serveWeb: true, now: new Date() });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function newPhone() {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'ja-JP',
    serviceWorkers: 'block',
  });
  await context.route(/cyberjapandata\.gsi\.go\.jp/, (r) => r.abort());
  return { context, page: await context.newPage() };
}

async function throttle(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.clearBrowserCache');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: 1.6e6 / 8,
    uploadThroughput: 750e3 / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
}

/** Loads `url` and returns ms from navigation start to the h1 of the ready screen, and the JS loaded. */
async function measure(page: Page, url: string, heading: string) {
  const js: string[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('.js')) js.push(new URL(r.url()).pathname);
  });
  await page.goto(url, { waitUntil: 'commit' });
  const ms = await page.waitForFunction(
    (h) => {
      const el = document.querySelector('h1');
      return el && el.textContent === h && document.querySelector('form button[type=submit]') ? performance.now() : null;
    },
    heading,
    { polling: 'raf', timeout: 30_000 },
  );
  let raw = 0;
  let gz = 0;
  for (const p of js) {
    const buf = await fs.readFile(path.join(dist, p));
    raw += buf.length;
    gz += gzipSync(buf, { level: 9 }).length;
  }
  return {
    ms: Math.round((await ms.jsonValue()) as number),
    js: js.sort(),
    raw_kb: +(raw / 1024).toFixed(1),
    gzip_kb: +(gz / 1024).toFixed(1),
  };
}

describe('field app budget', () => {
  it('first screen JS under 150 kB gzipped; usable report screen on throttled 3G', async () => {
    // Public report page, a first visit.
    const a = await newPhone();
    await throttle(a.page);
    const pub = await measure(a.page, `${base}/t/${t.tenant.slug}/report`, 'ご近所の気になる様子を知らせる');
    await a.context.close();

    // The enrolled field app's report screen, cold cache (enroll first, unthrottled).
    const b = await newPhone();
    const coordinator = await t.as('coordinator');
    const code = (await coordinator.post(`/api/v1/partners/${t.tenant.partnerId}/enrollments`, {})).json().code as string;
    await b.page.goto(`${base}/field/enroll?code=${encodeURIComponent(code)}`);
    await b.page.getByRole('heading', { name: '気づいたことを報告' }).waitFor();
    await throttle(b.page);
    const field = await measure(b.page, `${base}/field/report`, '気づいたことを報告');
    // Leaflet is not part of the first screen.
    expect(field.js.some((p) => p.includes('map-picker'))).toBe(false);
    await b.context.close();

    const result = {
      measured_at: new Date().toISOString(),
      profile: '1.6 Mbps down / 750 kbps up / 150 ms RTT / CPU 4x, cold cache, uncompressed transfer',
      public_report: pub,
      field_report: field,
    };
    await fs.mkdir('test-results', { recursive: true });
    await fs.writeFile('test-results/field-perf.json', JSON.stringify(result, null, 2));
    console.log(JSON.stringify(result, null, 2));
    expect(pub.gzip_kb).toBeLessThan(150);
    expect(field.gzip_kb).toBeLessThan(150);
  });
});
