import { browserAvailability, INSTALL_HINT, openBrowser, screenshot, startLedger, type RunningLedger } from './harness';
import { CLIENT_ID, startFakeOidcProvider, type FakeOidcProvider } from './fake-oidc-provider';

const JOURNEY_MS = 120_000;

const availability = browserAvailability();
if (availability === 'skip') console.warn(`OIDC browser journeys SKIPPED: ${INSTALL_HINT}`);

/**
 * ADR 0009 end to end: `ledger serve` in production (no development tokens) trusting a fake identity provider on
 * loopback; chromium signs in through it with the authorisation code flow and PKCE, and the refusals are shown.
 */
(availability === 'skip' ? describe.skip : describe)('sign-in through the identity provider in production (issue 10, ADR 0009)', () => {
  let provider: FakeOidcProvider | undefined;
  let ledger: RunningLedger | undefined;

  beforeAll(async () => {
    if (availability === 'missing-in-ci') throw new Error(INSTALL_HINT);
    provider = await startFakeOidcProvider();
    ledger = await startLedger({ NODE_ENV: 'production', LEDGER_CLOCK_HEADER: 'false', AUTH_JWKS_URL: provider.jwksUrl, AUTH_AUDIENCE: 'ledger-api', OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: CLIENT_ID });
  }, JOURNEY_MS);

  afterAll(async () => {
    await ledger?.stop();
    await provider?.close();
  }, 30_000);

  beforeEach(() => {
    Object.assign(provider as FakeOidcProvider, { forgeState: false, signWithStranger: false, exchanges: [] });
  });

  /** Opens `path` signed out and presses the identity provider's button; answers the page once back at the ledger. */
  async function signInFrom(path: string) {
    const session = await openBrowser(ledger as RunningLedger, { clockHeader: false });
    const { page } = session;
    await page.goto(path);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    // Production: no development sign-in form.
    expect(await page.getByLabel('Organisation reference').count()).toBe(0);
    await page.getByRole('button', { name: 'Sign in with your organisation’s account' }).click();
    return session;
  }

  it(
    'a commissioner signs in at the provider and comes back to the page asked for, the code exchanged with its PKCE verifier',
    async () => {
      (provider as FakeOidcProvider).user = { sub: 'jo.commissioner', role: 'commissioner', org: 'LA-SOUTHWARK' };
      const { page, close } = await signInFrom('/contracts');
      try {
        await page.getByText('Signed in as jo.commissioner, commissioner at LA-SOUTHWARK').waitFor();
        await page.getByRole('heading', { level: 1, name: 'Contracts' }).waitFor();
        expect(new URL(page.url()).pathname).toBe('/contracts');
        expect((provider as FakeOidcProvider).exchanges).toEqual([{ pkceVerified: true, redirectUri: `${(ledger as RunningLedger).url}/sign-in/callback` }]);
        console.log(`OIDC sign-in journey: ${await screenshot(page, 'oidc-sign-in')}`);

        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.getByRole('button', { name: 'Sign in with your organisation’s account' }).waitFor();
      } finally {
        await close();
      }
    },
    JOURNEY_MS,
  );

  it(
    'an answer carrying another state is refused and no token is asked for',
    async () => {
      (provider as FakeOidcProvider).forgeState = true;
      const { page, close } = await signInFrom('/');
      try {
        await page.getByRole('heading', { level: 1, name: 'Sign-in did not complete' }).waitFor();
        await page.getByRole('alert').getByText(/does not belong to the sign-in started here/).waitFor();
        expect((provider as FakeOidcProvider).exchanges).toEqual([]);
        expect(await page.getByText(/^Signed in as/).count()).toBe(0);
      } finally {
        await close();
      }
    },
    JOURNEY_MS,
  );

  it(
    'a token signed with a key outside the provider’s key set is refused by the API and not kept',
    async () => {
      (provider as FakeOidcProvider).signWithStranger = true;
      const { page, close } = await signInFrom('/contracts');
      try {
        await page.getByRole('alert').getByText(/The ledger did not accept the identity provider’s token \(bad token signature\)/).waitFor();
        await page.getByRole('link', { name: 'Start signing in again' }).click();
        await page.getByRole('button', { name: 'Sign in with your organisation’s account' }).waitFor();
        expect(await page.evaluate("sessionStorage.getItem('ledger.session')")).toBeNull();
      } finally {
        await close();
      }
    },
    JOURNEY_MS,
  );
});
