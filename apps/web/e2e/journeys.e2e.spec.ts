import type { Locator, Page } from 'playwright-core';
import { browserAvailability, INSTALL_HINT, LAST_MONTH, screenshot, signedIn, startLedger, WAIT_MS, type RunningLedger } from './harness';

const JOURNEY_MS = 120_000;
const CONTRACT = 'SWK-BF-DEMO-01';

async function fillDate(form: Locator, legend: string, date: string): Promise<void> {
  const [year, month, day] = date.split('-');
  const group = form.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(day);
  await group.getByLabel('Month').fill(month);
  await group.getByLabel('Year').fill(year);
}

async function expectSuccess(page: Page, text: string): Promise<void> {
  await page.locator('.govuk-notification-banner--success').getByText(text).waitFor();
}

const availability = browserAvailability();
if (availability === 'skip') console.warn(`Browser journeys SKIPPED: ${INSTALL_HINT}`);

(availability === 'skip' ? describe.skip : describe)('browser journeys on the demo partnership (issue 10)', () => {
  let ledger: RunningLedger | undefined;
  /** What the commissioner's close stated as earned, which the provider must then see. */
  let earnedLastMonth: string | undefined;

  beforeAll(async () => {
    if (availability === 'missing-in-ci') throw new Error(INSTALL_HINT);
    ledger = await startLedger();
  }, JOURNEY_MS);

  afterAll(async () => {
    await ledger?.stop();
  }, 30_000);

  const session = (role: 'commissioner' | 'provider' | 'auditor', org: string) => signedIn(ledger as RunningLedger, role, org);

  it(
    'a commissioner opens a contract, records a placement, verifies the pending claim, previews and closes last month',
    async () => {
      const { page, close } = await session('commissioner', 'LA-SOUTHWARK');
      try {
        await page.getByRole('link', { name: 'Contracts', exact: true }).first().click();
        await page.getByRole('link', { name: /Foster and residential placements \(demo\)|SWK-BF-DEMO-01/ }).first().click();
        await page.getByRole('heading', { level: 1 }).getByText(/Foster and residential placements/).waitFor();

        await page.getByRole('link', { name: 'Placements', exact: true }).click();
        const form = page.locator('details', { has: page.locator('summary', { hasText: 'Record a placement' }) });
        await form.locator('summary').click();
        await form.getByRole('textbox', { name: 'Placement reference' }).fill('PL-BF-04');
        await form.getByRole('textbox', { name: 'Child reference' }).fill('CH-BF-04');
        await fillDate(form, 'Start date', '2025-11-03');
        await form.getByRole('textbox', { name: 'Placement type' }).fill('U4');
        await form.getByRole('button', { name: 'Record the placement' }).click();
        await expectSuccess(page, 'Placement PL-BF-04 has been recorded.');
        await page.getByRole('rowheader', { name: 'PL-BF-04' }).waitFor();

        await page.getByRole('link', { name: 'Claims', exact: true }).click();
        await page.getByRole('button', { name: 'Verify claim CLM-BF-02' }).click();
        await expectSuccess(page, 'CLM-BF-02');

        await page.getByRole('link', { name: 'Statements', exact: true }).click();
        await page.getByRole('heading', { name: `Open month: ${LAST_MONTH}` }).waitFor();
        await page.getByText(`${LAST_MONTH} has ended. This is what closing it would state now.`).waitFor();
        await page.getByRole('button', { name: `Close ${LAST_MONTH}` }).click();
        const closedBanner = await page.locator('.govuk-notification-banner--success').getByText(`${LAST_MONTH} has been closed`).textContent();
        earnedLastMonth = /earned (£[\d,]+\.\d\d)/.exec(closedBanner ?? '')?.[1];
        expect(earnedLastMonth).toMatch(/^£[1-9]/);
        await page.getByRole('heading', { name: 'Open month: November 2025' }).waitFor();
        console.log(`commissioner journey: ${await screenshot(page, 'commissioner')}`);
      } catch (error) {
        console.error(`failed on ${page.url()}: ${await screenshot(page, 'failure')}`);
        throw error;
      } finally {
        await close();
      }
    },
    JOURNEY_MS,
  );

  it(
    'the provider then sees the statement of that month and its earnings',
    async () => {
      const { page, close } = await session('provider', 'PRV-BRIGHTFUTURES');
      try {
        await page.goto(`/contracts/${CONTRACT}/statements`);
        const closed = page.locator('details', { has: page.locator('summary', { hasText: `${LAST_MONTH}: earned ${earnedLastMonth}` }) });
        await closed.locator('summary').first().click();
        await closed.getByRole('table').first().waitFor();

        // The earnings read model follows the store a moment later: reload until the month appears, bounded.
        const deadline = Date.now() + WAIT_MS;
        await page.goto('/providers/PRV-BRIGHTFUTURES/earnings');
        const lastMonthRow = page.getByRole('table', { name: /by month/ }).getByRole('row', { name: new RegExp(`^${LAST_MONTH}`) });
        while (!(await lastMonthRow.count())) {
          if (Date.now() > deadline) throw new Error(`${LAST_MONTH} never appeared in the provider's earnings`);
          await page.waitForTimeout(500);
          await page.reload();
        }
        await expect(lastMonthRow.getByRole('cell').first().textContent()).resolves.toBe(earnedLastMonth);
        console.log(`provider journey: ${await screenshot(page, 'provider')}`);
      } finally {
        await close();
      }
    },
    JOURNEY_MS,
  );

  it(
    'an auditor reads the timeline, looks back with the as-of control, and verifies the contract',
    async () => {
      const { page, close } = await session('auditor', 'AUDIT-OFFICE');
      try {
        await page.goto(`/contracts/${CONTRACT}/timeline`);
        await page.getByRole('heading', { name: 'Timeline' }).waitFor();
        const now = await page.getByText(/Metadata and hashes of event \d+/).count();
        expect(now).toBeGreaterThan(10);

        await page.getByLabel('Show the contract as known at').fill('2025-07-01T00:00:00Z');
        await page.getByRole('button', { name: 'Show', exact: true }).click();
        await page.getByText(/You are looking at this contract as the ledger knew it/).waitFor();
        await page.getByRole('heading', { name: 'Timeline' }).waitFor();
        const then = await page.getByText(/Metadata and hashes of event \d+/).count();
        expect(then).toBeGreaterThan(0);
        expect(then).toBeLessThan(now);

        await page.getByRole('button', { name: 'Back to now' }).click();
        await page.getByRole('link', { name: 'Verify', exact: true }).click();
        await page.getByRole('heading', { name: 'Verified' }).waitFor();
        console.log(`auditor journey: ${await screenshot(page, 'auditor')}`);
      } finally {
        await close();
      }
    },
    JOURNEY_MS,
  );
});
