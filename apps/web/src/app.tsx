import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { AppContext, type AppContextValue } from './context';
import { ApiClient } from './lib/api-client';
import { CALLBACK_PATH } from './lib/oidc';
import { loadSession, ROLE_NAMES, saveSession, type Session } from './lib/session';
import { ContractPage } from './pages/contract/contract-page';
import { ContractsList } from './pages/contracts-list';
import { DraftContract } from './pages/draft-contract';
import { Earnings } from './pages/earnings';
import { Framework, FrameworkDefinition, PublishDefinition } from './pages/framework';
import { Home } from './pages/home';
import { NotFound } from './pages/not-found';
import { Partnership } from './pages/partnership';
import { SignIn } from './pages/sign-in';
import { SignInCallback } from './pages/sign-in-callback';
import { Link, matchPath, navigate, useLocation, type Location } from './router';

export interface AppProps {
  fetch?: typeof fetch;
  storage?: Storage;
  /** Pinned in tests; the real clock otherwise. */
  now?: () => number;
  redirect?: (url: string) => void;
}

// One function for every render, so the context does not change on each one.
const assignLocation = (url: string) => window.location.assign(url);

export function App({ fetch: fetchFn, storage = window.sessionStorage, now = Date.now, redirect = assignLocation }: AppProps) {
  const [session, setSession] = useState<Session | undefined>(() => loadSession(storage, now()));
  const location = useLocation();
  const context = useMemo<AppContextValue>(() => {
    const api = new ApiClient({
      token: () => loadSession(storage, now())?.token,
      fetch: fetchFn,
      onUnauthenticated: () => {
        saveSession(storage, undefined);
        setSession(undefined);
      },
    });
    return {
      api,
      session,
      now,
      oidc: { fetch: fetchFn ?? ((input, init) => fetch(input, init)), storage, crypto: window.crypto, origin: window.location.origin, now },
      redirect,
      signIn(next) {
        saveSession(storage, next);
        setSession(next);
      },
      signOut() {
        saveSession(storage, undefined);
        setSession(undefined);
        navigate('/sign-in');
      },
    };
  }, [fetchFn, storage, now, redirect, session]);

  return (
    <AppContext.Provider value={context}>
      <Layout session={session} location={location} onSignOut={context.signOut}>
        {location.path === CALLBACK_PATH ? <SignInCallback query={location.query} /> : session ? <SignedInRoutes location={location} session={session} /> : <SignIn />}
      </Layout>
    </AppContext.Provider>
  );
}

function SignedInRoutes({ location, session }: { location: Location; session: Session }) {
  const { path } = location;
  if (path === '/sign-in') return <SignIn />;
  if (path === '/' || path === '') return <Home session={session} />;
  if (path === '/contracts') return <ContractsList />;
  if (path === '/contracts/new') return <DraftContract />;
  if (path === '/framework') return <Framework query={location.query} />;
  if (path === '/framework/new') return <PublishDefinition />;
  const definition = matchPath('/framework/:code', path);
  if (definition) return <FrameworkDefinition code={definition['code']} query={location.query} />;
  const contract = matchPath('/contracts/:id', path) ?? matchPath('/contracts/:id/:tab', path);
  if (contract) return <ContractPage contractId={contract['id']} tab={contract['tab'] ?? 'overview'} query={location.query} />;
  const earnings = matchPath('/providers/:id/earnings', path);
  if (earnings) return <Earnings providerId={earnings['id']} />;
  const partnership = matchPath('/partnerships/:commissionerId/:providerId', path);
  if (partnership) return <Partnership commissionerId={partnership['commissionerId']} providerId={partnership['providerId']} />;
  return <NotFound />;
}

function Layout({ session, location, onSignOut, children }: { session: Session | undefined; location: Location; onSignOut(): void; children: ReactNode }) {
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    // After client-side navigation, focus moves to the new page's heading, as it would on a full page load.
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const heading = main.current?.querySelector<HTMLElement>('h1');
    (heading ?? main.current)?.focus();
  }, [location.path]);

  const navItems: { to: string; text: string }[] = session
    ? [
        // The framework administrator is party to no contract and sees none (docs/security.md).
        ...(session.role === 'admin' ? [] : [{ to: '/contracts', text: 'Contracts' }]),
        ...(session.role === 'provider' ? [{ to: `/providers/${encodeURIComponent(session.org)}/earnings`, text: 'Earnings' }] : []),
        { to: '/framework', text: 'Outcomes framework' },
      ]
    : [];

  return (
    <>
      <a href="#main-content" className="govuk-skip-link">
        Skip to main content
      </a>
      <header className="govuk-header" data-module="govuk-header">
        <div className="govuk-header__container govuk-width-container">
          <div className="govuk-header__logo">
            <Link to="/" className="govuk-header__link govuk-header__link--homepage">
              <span className="govuk-header__logotype-text">Partnership ledger</span>
            </Link>
          </div>
        </div>
      </header>
      {session ? (
        <section aria-label="Service information" className="govuk-service-navigation">
          <div className="govuk-width-container">
            <div className="govuk-service-navigation__container">
              <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
                <ul className="govuk-service-navigation__list">
                  {navItems.map((item) => {
                    const active = location.path === item.to || location.path.startsWith(`${item.to}/`);
                    return (
                      <li key={item.to} className={`govuk-service-navigation__item${active ? ' govuk-service-navigation__item--active' : ''}`}>
                        <Link to={item.to} className="govuk-service-navigation__link" aria-current={active ? 'page' : undefined}>
                          {item.text}
                        </Link>
                      </li>
                    );
                  })}
                  <li className="govuk-service-navigation__item">
                    <button type="button" className="govuk-service-navigation__link ledger-link-button" onClick={onSignOut}>
                      Sign out
                    </button>
                  </li>
                </ul>
              </nav>
              <p className="govuk-body-s ledger-signed-in">
                Signed in as {session.sub}, {ROLE_NAMES[session.role].toLowerCase()} at {session.org}
              </p>
            </div>
          </div>
        </section>
      ) : null}
      <div className="govuk-width-container">
        <main className="govuk-main-wrapper" id="main-content" ref={main} tabIndex={-1}>
          {children}
        </main>
      </div>
      <footer className="govuk-footer">
        <div className="govuk-width-container">
          <div className="govuk-footer__meta">
            <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
              <p className="govuk-body-s">
                Every amount is explained by the events behind it. The API is described at <a className="govuk-footer__link" href="/docs">/docs</a>.
              </p>
            </div>
          </div>
        </div>
      </footer>
    </>
  );
}
