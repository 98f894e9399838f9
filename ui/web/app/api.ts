// The dashboard's reads of the REST API (the HttpOnly cookie carries the token) and its live event stream.
import { useEffect, useRef, useState } from 'react';
import type { LiveMessage, LiveView } from './types.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

// GETs or POSTs a path of the API, throwing its error message.
export async function api<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = (await res.json().catch(() => ({}))) as { error?: string };
  if (!res.ok) throw new ApiError(res.status, data.error ?? `${res.status} ${res.statusText}`);
  return data as T;
}

// Loads a path, again whenever `version` changes; keeps the last data while reloading.
export function useApi<T>(path: string | undefined, version = 0): { data?: T; error?: string } {
  const [state, setState] = useState<{ data?: T; error?: string }>({});
  useEffect(() => {
    if (path === undefined) return;
    let live = true;
    api<T>(path).then(
      (data) => live && setState({ data }),
      (error: Error) => live && setState((s) => ({ ...s, error: error.message })),
    );
    return () => {
      live = false;
    };
  }, [path, version]);
  return state;
}

// A counter that goes up (at most every `throttleMs`) whenever the run's event stream reports a change.
export function useLiveVersion(runId: string | undefined, throttleMs = 1000): number {
  const [version, setVersion] = useState(0);
  const last = useRef(0);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (runId === undefined || typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/runs/${encodeURIComponent(runId)}/events?types=run.finished`);
    const bump = (): void => {
      const wait = last.current + throttleMs - Date.now();
      if (wait <= 0) {
        last.current = Date.now();
        setVersion((v) => v + 1);
      } else if (timer.current === undefined) {
        timer.current = window.setTimeout(() => {
          timer.current = undefined;
          last.current = Date.now();
          setVersion((v) => v + 1);
        }, wait);
      }
    };
    source.addEventListener('update', bump);
    source.addEventListener('run.finished', bump);
    return () => {
      source.close();
      if (timer.current !== undefined) window.clearTimeout(timer.current);
    };
  }, [runId, throttleMs]);
  return version;
}

export const runPath = (id: string): string => `/api/runs/${encodeURIComponent(id)}`;

// The run's own live view, as its process sees it (tasks started before the store records them, transfers), from
// the `live` events its tap sends while it runs on the server's host; undefined otherwise.
export function useLiveView(runId: string): LiveView | undefined {
  const [live, setLive] = useState<LiveView>();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/runs/${encodeURIComponent(runId)}/events?types=run.finished`);
    source.addEventListener('live', (e) =>
      setLive((JSON.parse((e as MessageEvent<string>).data) as LiveMessage).snapshot),
    );
    source.addEventListener('run.finished', () => setLive(undefined));
    return () => source.close();
  }, [runId]);
  return live;
}
