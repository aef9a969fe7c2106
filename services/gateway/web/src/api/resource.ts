import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { z } from 'zod';
import { callApi } from './client';
import { isMissingEndpoint, needsSignIn, type Problem } from './problem';
import { reportSignedOut } from '../state/session';

/** What a page knows about one API resource. */
export type Resource<T> =
  | { state: 'loading' }
  | { state: 'ready'; value: T; refreshing: boolean }
  | { state: 'failed'; problem: Problem }
  | { state: 'unavailable'; problem: Problem };

interface ResourceOptions<T> {
  /** Reads again every this many ms while `pollWhile` holds for the last answer. */
  pollMs?: number;
  pollWhile?: (value: T) => boolean;
}

/**
 * Reads `path` (null: not yet) and validates it. A reload keeps showing the last answer
 * until the new one arrives, so nothing jumps. A 404 from a route this deployment does not
 * have yet reads as `unavailable`, for pages built ahead of their endpoint.
 */
export function useResource<S extends z.ZodType>(
  path: string | null,
  schema: S,
  options: ResourceOptions<z.output<S>> = {},
): [Resource<z.output<S>>, () => void] {
  type T = z.output<S>;
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  useEffect(() => {
    if (path === null) return;
    const call = ++latest.current;
    setResource((current) =>
      current.state === 'ready' ? { ...current, refreshing: true } : current,
    );
    void callApi(path, schema).then((result) => {
      if (call !== latest.current) return;
      if (result.ok) setResource({ state: 'ready', value: result.value, refreshing: false });
      else setResource(failedResource(result.problem));
    });
  }, [path, generation]);

  const { pollMs, pollWhile } = options;
  useEffect(() => {
    if (pollMs === undefined || resource.state !== 'ready') return;
    if (pollWhile && !pollWhile(resource.value)) return;
    const timer = setTimeout(reload, pollMs);
    return () => clearTimeout(timer);
  }, [resource, pollMs]);

  return [resource, reload];
}

function failedResource<T>(problem: Problem): Resource<T> {
  if (needsSignIn(problem)) reportSignedOut();
  if (isMissingEndpoint(problem)) return { state: 'unavailable', problem };
  return { state: 'failed', problem };
}
