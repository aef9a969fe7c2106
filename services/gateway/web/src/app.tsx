import type { ComponentType } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { callApi } from './api/client';
import { useResource } from './api/resource';
import { MeSchema, NoContentSchema, type Me } from './api/schemas';
import { Link } from './components/link';
import { Loading, ProblemNotice } from './components/status';
import { AuditPage } from './pages/audit';
import { BudgetsPage } from './pages/budgets';
import { ConnectionsPage } from './pages/connections';
import { ExportsPage } from './pages/exports';
import { NotFoundPage } from './pages/not-found';
import { OverviewPage } from './pages/overview';
import { SettingsPage } from './pages/settings';
import { SignInPage } from './pages/sign-in';
import { TagsPage } from './pages/tags';
import { useLocation } from './state/route';
import { onSignedOut } from './state/session';
import { WorkspaceContext } from './state/workspace';

interface Page {
  path: string;
  title: string;
  component: ComponentType;
}

const PAGES: Page[] = [
  { path: '/', title: 'Overview', component: OverviewPage },
  { path: '/connections', title: 'Connections', component: ConnectionsPage },
  { path: '/budgets', title: 'Budgets', component: BudgetsPage },
  { path: '/tags', title: 'Tags', component: TagsPage },
  { path: '/audit', title: 'Audit log', component: AuditPage },
  { path: '/exports', title: 'Exports', component: ExportsPage },
  { path: '/settings', title: 'Settings', component: SettingsPage },
];

/** The dashboard: the sign-in page, or the signed-in shell with the page of the address. */
export function App() {
  const [me, reloadMe] = useResource('/api/v1/me', MeSchema);
  const [signedOut, setSignedOut] = useState(false);
  useEffect(() => onSignedOut(() => setSignedOut(true)), []);

  if (signedOut || (me.state === 'failed' && me.problem.status === 401)) return <SignInPage />;
  if (me.state === 'loading') return <Loading label="Opening Stax" />;
  if (me.state !== 'ready') {
    return (
      <main class="page narrow">
        <ProblemNotice problem={me.problem} onRetry={reloadMe} />
      </main>
    );
  }
  return (
    <WorkspaceContext.Provider value={me.value}>
      <Shell me={me.value} onSignOut={() => setSignedOut(true)} />
    </WorkspaceContext.Provider>
  );
}

function Shell({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  const { path } = useLocation();
  const page = PAGES.find((candidate) => candidate.path === path);
  const heading = useRef<HTMLDivElement>(null);
  const first = useRef(true);

  useEffect(() => {
    document.title = page ? `${page.title} · Stax` : 'Not found · Stax';
    // After an in-app navigation, start reading at the new page, as a page load would.
    if (!first.current) heading.current?.focus();
    first.current = false;
  }, [path]);

  const Content = page?.component ?? NotFoundPage;
  return (
    <>
      <a class="skip-link" href="#content">
        Skip to content
      </a>
      <header class="topbar">
        <div class="brand">
          <span class="logo" aria-hidden="true" />
          <span>Stax</span>
          <span class="workspace-name" title={me.workspace.name}>
            {me.workspace.name}
          </span>
        </div>
        <nav aria-label="Main" class="nav">
          {PAGES.map((candidate) => (
            <Link key={candidate.path} href={candidate.path} current={candidate.path === path}>
              {candidate.title}
            </Link>
          ))}
        </nav>
        <div class="account">
          <span class="muted user-email">{me.user?.email}</span>
          <SignOutButton onSignedOut={onSignOut} />
        </div>
      </header>
      <main id="content" class="page" tabIndex={-1} ref={heading}>
        <Content />
      </main>
    </>
  );
}

function SignOutButton({ onSignedOut }: { onSignedOut: () => void }) {
  const signOut = async () => {
    await callApi('/api/v1/auth/logout', NoContentSchema, { method: 'POST' });
    onSignedOut();
  };
  return (
    <button type="button" class="button secondary small" onClick={() => void signOut()}>
      Sign out
    </button>
  );
}
