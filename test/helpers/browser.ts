/**
 * Browser helpers for e2e specs and screenshots: the system Chromium driven by playwright-core
 * (no browser download), axe accessibility checks, and screenshots under test-results/screens.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** Launches headless system Chromium (apt-get install -y chromium). Close it when done. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

export interface A11yViolation {
  id: string;
  impact: string | null | undefined;
  description: string;
  help: string;
  nodes: string[];
}

/** Runs axe (WCAG 2.0–2.2 A/AA rules) and returns the serious and critical violations only. */
export async function checkA11y(page: Page): Promise<A11yViolation[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, description: v.description, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Full-page screenshot to test-results/screens/NAME.png; returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.resolve('test-results', 'screens');
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
