import type { ComponentChildren } from 'preact';
import type { Problem } from '../api/problem';
import type { Resource } from '../api/resource';

/** A placeholder of the height the content will take, so nothing jumps when it arrives. */
export function Loading({ label, lines = 3 }: { label: string; lines?: number }) {
  return (
    <div class="loading" role="status" aria-live="polite">
      <span class="visually-hidden">{label}</span>
      {Array.from({ length: lines }, (_, index) => (
        <div key={index} class="skeleton-line" aria-hidden="true" />
      ))}
    </div>
  );
}

/** Nothing to show yet, and what to do about it. */
export function Empty({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty">
      <p class="empty-title">{title}</p>
      {children && <div class="empty-next">{children}</div>}
    </div>
  );
}

/** A page part whose API this deployment does not have yet: says so rather than inventing. */
export function NotAvailableYet({ what }: { what: string }) {
  return (
    <div class="empty not-available" data-state="not-available">
      <p class="empty-title">{what} is not available yet.</p>
      <div class="empty-next">
        This version of Stax has no API for it. It appears here once the server supports it.
      </div>
    </div>
  );
}

/** An API problem in words, with the request id to quote to support. */
export function ProblemNotice({ problem, onRetry }: { problem: Problem; onRetry?: () => void }) {
  return (
    <div class="problem" role="alert">
      <p class="problem-title">{problem.title}</p>
      {problem.detail && <p class="problem-detail">{problem.detail}</p>}
      {problem.requestId && (
        <p class="problem-request">
          Request id <code>{problem.requestId}</code>
        </p>
      )}
      {onRetry && (
        <button type="button" class="button secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

interface ShowProps<T> {
  resource: Resource<T>;
  /** Names the thing loading, for screen readers and the "not available" notice. */
  what: string;
  lines?: number;
  onRetry?: () => void;
  children: (value: T) => ComponentChildren;
}

/** Renders a resource: its loading, failure and not-yet-available states, or its value. */
export function Show<T>({ resource, what, lines, onRetry, children }: ShowProps<T>) {
  switch (resource.state) {
    case 'loading':
      return <Loading label={`Loading ${what.toLowerCase()}`} lines={lines} />;
    case 'unavailable':
      return <NotAvailableYet what={what} />;
    case 'failed':
      return <ProblemNotice problem={resource.problem} onRetry={onRetry} />;
    case 'ready':
      return <>{children(resource.value)}</>;
  }
}
