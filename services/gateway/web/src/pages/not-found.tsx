import { Link } from '../components/link';
import { Empty } from '../components/status';

/** An address the dashboard has no page for. */
export function NotFoundPage() {
  return (
    <>
      <div class="page-head">
        <h1>Nothing is here</h1>
      </div>
      <div class="card">
        <Empty title="This address is not a page of Stax.">
          Go to the <Link href="/">overview</Link>.
        </Empty>
      </div>
    </>
  );
}
