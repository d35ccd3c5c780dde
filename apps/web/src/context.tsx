import { createContext, useContext } from 'react';
import type { ApiClient } from './lib/api-client';
import type { OidcEnvironment } from './lib/oidc';
import type { Session } from './lib/session';

export interface AppContextValue {
  api: ApiClient;
  session: Session | undefined;
  signIn(session: Session): void;
  signOut(): void;
  /** The instant the app treats as now: the real clock, or a pinned one in tests. */
  now(): number;
  /** What sign-in through the identity provider uses of the browser (ADR 0009). */
  oidc: OidcEnvironment;
  /** Leaves the app for another site (the identity provider's sign-in page). */
  redirect(url: string): void;
}

export const AppContext = createContext<AppContextValue | undefined>(undefined);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside <AppContext.Provider>');
  return value;
}

/** The signed-in session; pages behind sign-in are only rendered with one. */
export function useSession(): Session {
  const { session } = useApp();
  if (!session) throw new Error('useSession without a session');
  return session;
}
