import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type E2e, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 120_000;

// The Dashboard's SIEM form, against a real loopback syslog (UDP) listener.
describe('Alerts to a SIEM on the Dashboard', () => {
  let e2e: E2e;
  const udp = dgram.createSocket('udp4');
  const received: string[] = [];
  beforeAll(async () => {
    udp.on('message', (message) => received.push(message.toString('utf8')));
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
    e2e = await startE2e('siem');
  }, TIMEOUT_MS);
  afterAll(async () => {
    udp.close();
    await e2e?.close();
  }, TIMEOUT_MS);

  test('an administrator runs the weekly drift check from the Drift view, sets the SIEM address and sends a test alert that arrives as RFC 5424', async () => {
    const { page, errors } = await watchedPage(e2e.browser);
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-dashboard').click();
      await page.getByTestId('siem-url').fill(`udp://127.0.0.1:${udp.address().port}`);
      await page.getByTestId('siem-save').click();
      await page.getByTestId('siem-notice').getByText(/^Alerts go to udp:\/\/127\.0\.0\.1:\d+$/).waitFor();
      await page.getByTestId('siem-test').click();
      await page.getByTestId('siem-notice').getByText(/Test alert sent/).waitFor();
      // The Drift view's weekly check: run now, its (empty-traffic) result kept and shown.
      await page.getByTestId('drift-weekly-result').getByText('not run yet').waitFor();
      await page.getByTestId('drift-weekly-run').click();
      await page.getByTestId('drift-weekly-result').getByText(/Too little traffic/).waitFor();
      await page.getByTestId('siem-panel').scrollIntoViewIfNeeded();
      await screenshot(page, 'siem');
      for (let i = 0; i < 100 && received.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(received[0]).toMatch(/^<108>1 .* enclave \d+ alert \[enclave@32473 rule="siem\.test".*\] \uFEFFEnclave SIEM test alert$/);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, TIMEOUT_MS);
});
