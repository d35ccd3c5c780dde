import { usePageTitle } from '../components/page';
import { ROLE_NAMES, type Session } from '../lib/session';
import { Link } from '../router';

export function Home({ session }: { session: Session }) {
  usePageTitle('Home');
  const org = encodeURIComponent(session.org);
  return (
    <>
      <span className="govuk-caption-l">{ROLE_NAMES[session.role]}, {session.org}</span>
      <h1 className="govuk-heading-l" tabIndex={-1}>
        Partnership ledger
      </h1>
      <p className="govuk-body">The shared, tamper-evident record of what your organisation and its partners agreed, did and earned.</p>
      <ul className="govuk-list govuk-list--spaced">
        {session.role === 'admin' ? null : (
          <li>
            <Link to="/contracts">Contracts</Link>
            {session.role === 'commissioner' ? ': draft, sign and vary contracts, record or import placements, verify claims, record payments and close months' : null}
            {session.role === 'provider' ? ': sign contracts, claim outcomes and record measurements' : null}
            {session.role === 'auditor' ? ': any contract’s timeline, its statements as known at any moment, and the verification report' : null}
          </li>
        )}
        {session.role === 'provider' ? (
          <li>
            <Link to={`/providers/${org}/earnings`}>Earnings</Link>: what you have earned and been paid, month by month
          </li>
        ) : null}
        {session.role === 'commissioner' ? (
          <li>
            <Link to="/contracts/new">Draft a contract</Link>
          </li>
        ) : null}
        <li>
          <Link to="/framework">Outcomes framework</Link>
          {session.role === 'admin' ? ': publish definitions and new versions of them, retire codes' : ': the outcomes contracts can pay for, with their rules and indicative prices'}
        </li>
      </ul>
    </>
  );
}
