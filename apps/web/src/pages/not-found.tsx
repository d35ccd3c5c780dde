import { usePageTitle } from '../components/page';
import { Link } from '../router';

export function NotFound() {
  usePageTitle('Page not found');
  return (
    <>
      <h1 className="govuk-heading-l" tabIndex={-1}>
        Page not found
      </h1>
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
      <p className="govuk-body">
        <Link to="/contracts">Go to your contracts</Link>
      </p>
    </>
  );
}
