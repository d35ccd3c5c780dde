import { useEffect, useState, type FormEvent } from 'react';
import { useApp } from '../context';
import { ErrorSummary, Loading, ProblemSummary } from '../components/govuk';
import { useAsync } from '../components/hooks';
import { RadiosField, TextField } from '../components/fields';
import { ApiError } from '../lib/api-client';
import { ID_PATTERN } from '../lib/ids';
import { startSignIn, type OidcSettings, type SignInOptions } from '../lib/oidc';
import { fieldId } from '../lib/problems';
import { ROLE_NAMES, ROLES, sessionFromToken, type Role } from '../lib/session';
import { navigate } from '../router';

const EXAMPLE_ORGS: Record<Role, string> = {
  commissioner: 'LA-SOUTHWARK',
  provider: 'PRV-BRIGHTFUTURES',
  auditor: 'AUDIT-OFFICE',
  admin: 'FRAMEWORK-ADMIN',
};

/**
 * Sign-in as the server offers it (`GET /api/auth/config`): through the organisation's identity provider (ADR 0009),
 * and outside production by picking a role and an organisation (`POST /api/dev/token`, docs/web.md).
 */
export function SignIn() {
  const { api } = useApp();
  const options = useAsync(() => api.get<SignInOptions>('/api/auth/config'), [api]);

  useEffect(() => {
    document.title = 'Sign in - Partnership ledger';
  }, []);

  if (options.status === 'loading') return <Loading what="the ways to sign in" />;
  // A server that does not say (an older API) is offered development sign-in, which says so if it is refused.
  const offered: SignInOptions = options.status === 'ready' ? options.data : { developmentTokens: true };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {offered.oidc ? <IdentityProviderSignIn settings={offered.oidc} /> : null}
        {offered.developmentTokens ? <DevelopmentSignIn alongside={offered.oidc !== undefined} /> : null}
        {!offered.oidc && !offered.developmentTokens ? (
          <>
            <h1 className="govuk-heading-l" tabIndex={-1}>
              Sign in
            </h1>
            <p className="govuk-body">
              This server has no way to sign in yet. Its administrator names the identity provider with <code>OIDC_ISSUER</code> and <code>OIDC_CLIENT_ID</code>.
            </p>
          </>
        ) : null}
      </div>
    </div>
  );
}

function IdentityProviderSignIn({ settings }: { settings: OidcSettings }) {
  const { oidc, redirect } = useApp();
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const start = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      redirect(await startSignIn(settings, `${window.location.pathname}${window.location.search}`, oidc));
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };
  return (
    <>
      {failure ? <ProblemSummary error={failure} /> : null}
      <h1 className="govuk-heading-l" tabIndex={-1}>
        Sign in
      </h1>
      <p className="govuk-body">Sign in with the account your organisation gave you. Your role and organisation come from that account.</p>
      <button type="button" className="govuk-button" onClick={start} disabled={busy} aria-disabled={busy}>
        Sign in with your organisation’s account
      </button>
    </>
  );
}

function DevelopmentSignIn({ alongside }: { alongside: boolean }) {
  const { api, signIn } = useApp();
  const [role, setRole] = useState<Role | ''>('');
  const [org, setOrg] = useState('');
  const [sub, setSub] = useState('');
  const [invalid, setInvalid] = useState<{ field: string; text: string }[]>([]);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: { field: string; text: string }[] = [];
    if (!role) problems.push({ field: 'role', text: 'Select your role' });
    if (!ID_PATTERN.test(org)) problems.push({ field: 'org', text: 'Enter your organisation reference, for example LA-SOUTHWARK' });
    if (sub && !ID_PATTERN.test(sub)) problems.push({ field: 'sub', text: 'Your user name may contain letters, digits, dots, dashes and underscores only' });
    setInvalid(problems);
    setFailure(undefined);
    if (problems.length > 0 || !role) return;
    setBusy(true);
    try {
      const { token } = await api.post<{ token: string }>('/api/dev/token', { role, org, ...(sub ? { sub } : {}) });
      const session = sessionFromToken(token);
      if (!session) throw new Error('The token the server issued could not be read.');
      signIn(session);
      if (window.location.pathname === '/sign-in') navigate('/', { replace: true });
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const unavailable = failure instanceof ApiError && (failure.status === 404 || failure.status === 405);
  const errorOf = (field: string) => invalid.find((entry) => entry.field === field)?.text;

  return (
    <>
      {invalid.length > 0 ? <ErrorSummary errors={invalid.map((entry) => ({ text: entry.text, href: `#${fieldId(entry.field)}` }))} /> : null}
      {unavailable ? (
        <ErrorSummary
          title="Development sign-in is not available"
          errors={[{ text: 'This server does not issue development tokens. Sign in through your organisation’s identity provider.' }]}
        />
      ) : failure ? (
        <ProblemSummary error={failure} />
      ) : null}
      {alongside ? (
        <h2 className="govuk-heading-m">Development sign-in</h2>
      ) : (
        <h1 className="govuk-heading-l" tabIndex={-1}>
          Sign in
        </h1>
      )}
      <p className="govuk-body">This is a development server: choose who you are acting as. In production you sign in through your organisation’s identity provider.</p>
      <form onSubmit={submit} noValidate>
        <RadiosField
          name="role"
          label="Your role"
          value={role}
          error={errorOf('role')}
          onChange={(value) => setRole(value as Role)}
          options={ROLES.map((value) => ({ value, text: ROLE_NAMES[value], hint: `For example, organisation ${EXAMPLE_ORGS[value]}` }))}
        />
        <TextField name="org" label="Organisation reference" hint="For example, LA-SOUTHWARK or PRV-BRIGHTFUTURES" value={org} onChange={setOrg} error={errorOf('org')} width={20} spellCheck={false} />
        <TextField name="sub" label="Your user name (optional)" value={sub} onChange={setSub} error={errorOf('sub')} width={20} spellCheck={false} />
        <button type="submit" className="govuk-button" disabled={busy} aria-disabled={busy}>
          Sign in
        </button>
      </form>
    </>
  );
}
