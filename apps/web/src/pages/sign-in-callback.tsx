import { useEffect, useRef, useState } from 'react';
import { useApp } from '../context';
import { ErrorSummary, Loading } from '../components/govuk';
import { ApiError } from '../lib/api-client';
import { finishSignIn, SignInRefused } from '../lib/oidc';
import { sessionFromToken } from '../lib/session';
import { Link, navigate } from '../router';

/** Why a token the identity provider issued is not used, in words. */
function reasonOf(error: unknown): string {
  if (error instanceof SignInRefused) return error.message;
  if (error instanceof ApiError && error.status === 401) {
    return `The ledger did not accept the identity provider’s token (${error.problem.detail ?? 'it could not be verified'}). Your account may not have a role and organisation for this service: contact your service desk.`;
  }
  return error instanceof Error ? error.message : 'Something went wrong.';
}

/**
 * Where the identity provider sends the person back (`/sign-in/callback?code&state`, ADR 0009): the code becomes a
 * token, the API verifies it (`GET /api/auth/me`) and only then is it kept for this tab.
 */
export function SignInCallback({ query }: { query: URLSearchParams }) {
  const { api, oidc, signIn } = useApp();
  const [failure, setFailure] = useState<unknown>(undefined);
  const started = useRef(false);

  useEffect(() => {
    document.title = 'Signing in - Partnership ledger';
    // The pending sign-in is single use: a second run (React's development double effects) would find it gone.
    if (started.current) return;
    started.current = true;
    (async () => {
      const { token, returnTo } = await finishSignIn(query, oidc);
      await api.withToken(token).get('/api/auth/me');
      const session = sessionFromToken(token);
      if (!session) throw new SignInRefused('The identity provider’s token does not name your role and organisation, which this service needs.');
      signIn(session);
      navigate(returnTo, { replace: true });
    })().catch(setFailure);
  }, []);

  if (!failure) return <Loading what="your sign-in" />;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary title="You are not signed in" errors={[{ text: reasonOf(failure) }]} />
        <h1 className="govuk-heading-l" tabIndex={-1}>
          Sign-in did not complete
        </h1>
        <p className="govuk-body">
          <Link to="/sign-in">Start signing in again</Link>
        </p>
      </div>
    </div>
  );
}
