import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type E2e, repoRoot, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 240_000;
let e2e: E2e;

/** axe-core's bundle, evaluated in the page through the debugger protocol: the strict CSP forbids inline scripts. */
const axeSource = readFileSync(path.join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');
/** Every screen id in the registry, read from its source so a new screen is checked without touching this test. */
const screenIds = [...readFileSync(path.join(repoRoot, 'renderer/features/shell/screen-registry.ts'), 'utf8').matchAll(/\{ id: '([a-z-]+)'/g)].map(
  (match) => match[1]!,
);

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  // The renderer is one page: the bundle stays loaded across screens once evaluated.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 160) })) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} ${n.html}`).join(', ')}`);
}

beforeAll(async () => {
  e2e = await startE2e('ui-a11y');
}, TIMEOUT_MS);

afterAll(() => e2e?.close(), TIMEOUT_MS);

for (const scheme of ['light', 'dark'] as const) {
  test(
    `axe finds no serious or critical violation on any screen in ${scheme} mode`,
    async () => {
      expect(screenIds.length).toBeGreaterThan(10);
      const { page, errors } = await watchedPage(e2e.browser);
      try {
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(e2e.server.url);
        await page.getByTestId('account-name').waitFor();
        const found: Record<string, string[]> = {};
        for (const id of screenIds) {
          await page.getByTestId(`nav-${id}`).click();
          // Let the screen's first calls answer so axe sees its filled state, not a loading placeholder.
          await page.waitForTimeout(250);
          const violations = await seriousViolations(page);
          if (violations.length > 0) found[id] = violations;
          if (id === 'models' || id === 'playground' || id === 'collections') await screenshot(page, `ui-a11y-${scheme}-${id}`);
        }
        expect(found).toEqual({});
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    },
    TIMEOUT_MS,
  );
}
