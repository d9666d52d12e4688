/**
 * The built console and field app are served pre-compressed with long caching for hashed
 * assets, and each single-page app gets its own shell. (npm test builds web/dist first.)
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ serveWeb: true });
});
afterAll(async () => t?.close());

describe('static web apps', () => {
  it('serves hashed assets brotli-compressed and immutable', async () => {
    const asset = fs.readdirSync('web/dist/assets').find((f) => f.endsWith('.js') && fs.statSync(`web/dist/assets/${f}`).size > 10_000)!;
    const res = await t.app.inject({ method: 'GET', url: `/assets/${asset}`, headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.rawPayload.length).toBeLessThan(fs.statSync(`web/dist/assets/${asset}`).size);
    const plain = await t.app.inject({ method: 'GET', url: `/assets/${asset}` });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBe(fs.statSync(`web/dist/assets/${asset}`).size);
  });

  it('gives the field app shell to /field and /t/ paths and the console shell elsewhere', async () => {
    const field = fs.readFileSync('web/dist/field.html', 'utf8');
    const consoleHtml = fs.readFileSync('web/dist/index.html', 'utf8');
    for (const url of ['/field/report', '/field/enroll?code=abc', '/t/alpha/report']) {
      expect((await t.app.inject({ method: 'GET', url })).body, url).toBe(field);
    }
    for (const url of ['/cases', '/triage', '/kpis']) {
      expect((await t.app.inject({ method: 'GET', url })).body, url).toBe(consoleHtml);
    }
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('route_not_found');
  });
});
