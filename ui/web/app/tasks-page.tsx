// A run's tasks, filtered by state, step, tag and text, a page at a time.
import { useEffect, useState } from 'react';
import { runPath, useApi, useLiveVersion } from './api.js';
import { duration, STATES, type Task } from './types.js';
import { Badge } from './widgets.js';

export interface TaskFilters {
  state?: string;
  step?: string;
  tag?: string;
  text?: string;
}

// The query string of a filter, a cursor and a page size.
function queryOf(filters: TaskFilters, cursor: string | undefined): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
  if (cursor !== undefined) q.set('cursor', cursor);
  q.set('limit', '100');
  return q.toString();
}

export function TasksPage({ runId, initial }: { runId: string; initial: TaskFilters }) {
  const version = useLiveVersion(runId, 2000);
  const [filters, setFilters] = useState<TaskFilters>(initial);
  const [draft, setDraft] = useState<TaskFilters>(initial);
  const [cursors, setCursors] = useState<string[]>([]); // cursors of the pages before this one
  const cursor = cursors[cursors.length - 1];
  useEffect(() => setCursors([]), [filters]);
  const { data, error } = useApi<{ tasks: Task[]; next?: string }>(
    `${runPath(runId)}/tasks?${queryOf(filters, cursor)}`,
    version,
  );
  const set = (key: keyof TaskFilters) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: e.target.value });
  return (
    <div className="card">
      <h2>
        Tasks of <a href={`#/runs/${encodeURIComponent(runId)}`}>{runId}</a>
      </h2>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
        }}
      >
        <select aria-label="state" value={draft.state ?? ''} onChange={set('state')}>
          <option value="">any state</option>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <input aria-label="step" placeholder="step id" value={draft.step ?? ''} onChange={set('step')} />
        <input aria-label="tag" placeholder="tag k=v" value={draft.tag ?? ''} onChange={set('tag')} />
        <input aria-label="text" placeholder="text in id or command" value={draft.text ?? ''} onChange={set('text')} />
        <button type="submit">Filter</button>
      </form>
      {error === undefined ? null : <p className="error">{error}</p>}
      <table>
        <thead>
          <tr>
            <th>task</th>
            <th>step</th>
            <th>state</th>
            <th>attempt</th>
            <th>exit</th>
            <th>duration</th>
            <th>tags</th>
            <th>command</th>
          </tr>
        </thead>
        <tbody>
          {data?.tasks.map((t) => (
            <tr key={t.taskId} data-testid="task-row">
              <td>
                <a href={`#/runs/${encodeURIComponent(runId)}/tasks/${encodeURIComponent(t.taskId)}`}>{t.taskId}</a>
              </td>
              <td>{t.stepId}</td>
              <td>
                <Badge state={t.state} />
              </td>
              <td>{t.attempt}</td>
              <td>{t.exitCode ?? '-'}</td>
              <td>{t.startedAt !== undefined && t.endedAt !== undefined ? duration(t.endedAt - t.startedAt) : '-'}</td>
              <td>
                {Object.entries(t.tags)
                  .map(([k, v]) => `${k}=${v}`)
                  .join(' ')}
              </td>
              <td>
                <code>{t.command.length > 100 ? `${t.command.slice(0, 100)}…` : t.command}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <button disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
          ← previous
        </button>{' '}
        <button disabled={data?.next === undefined} onClick={() => data?.next && setCursors([...cursors, data.next])}>
          next →
        </button>{' '}
        <span className="muted">page {cursors.length + 1}</span>
      </p>
    </div>
  );
}
