import { useEffect, useState, type FormEvent } from 'react';
import { useApp } from '../context';
import { ErrorSummary, ProblemSummary } from '../components/govuk';
import { RadiosField, TextField } from '../components/fields';
import { ApiError } from '../lib/api-client';
import { ID_PATTERN } from '../lib/ids';
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
 * Development sign-in: pick a role and an organisation and the API issues a development token
 * (`POST /api/dev/token`, which exists only outside production; docs/web.md).
 */
export function SignIn() {
  const { api, signIn } = useApp();
  const [role, setRole] = useState<Role | ''>('');
  const [org, setOrg] = useState('');
  const [sub, setSub] = useState('');
  const [invalid, setInvalid] = useState<{ field: string; text: string }[]>([]);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = 'Sign in - Partnership ledger';
  }, []);

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
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {invalid.length > 0 ? <ErrorSummary errors={invalid.map((entry) => ({ text: entry.text, href: `#${fieldId(entry.field)}` }))} /> : null}
        {unavailable ? (
          <ErrorSummary
            title="Development sign-in is not available"
            errors={[{ text: 'This server does not issue development tokens. Sign in through your organisation’s identity provider.' }]}
          />
        ) : failure ? (
          <ProblemSummary error={failure} />
        ) : null}
        <h1 className="govuk-heading-l" tabIndex={-1}>
          Sign in
        </h1>
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
      </div>
    </div>
  );
}
