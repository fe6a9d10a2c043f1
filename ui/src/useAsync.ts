// Load data for a component: loading, error and ready states, aborted when
// the component goes away or the inputs change, and reload() to fetch again
// (which keeps the current data on screen until the new answer arrives).
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export type Async<T> =
  | { kind: 'loading' }
  | { kind: 'error'; error: unknown }
  | { kind: 'ready'; data: T };

export function useAsync<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
): [Async<T>, () => void] {
  const [state, setState] = useState<Async<T>>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const quiet = useRef(false);

  useEffect(() => {
    const controller = new AbortController();
    const keep = quiet.current;
    quiet.current = false;
    setState((prev) => (keep && prev.kind === 'ready' ? prev : { kind: 'loading' }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ kind: 'ready', data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ kind: 'error', error });
      },
    );
    return () => controller.abort();
  }, [...deps, attempt]);

  /** Fetch again; what is shown stays until the answer arrives. */
  const reload = useCallback(() => {
    quiet.current = true;
    setAttempt((n) => n + 1);
  }, []);
  return [state, reload];
}
