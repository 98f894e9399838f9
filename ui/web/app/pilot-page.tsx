// The queue of the pilot server `pipe serve --server` names: counts by state, its tasks filtered by state and tag,
// refreshed every two seconds, and a form that queues commands (one per line) as one submission.
import { useEffect, useState } from 'react';
import { api, useApi } from './api.js';
import { clock, duration } from './types.js';
import { Badge } from './widgets.js';

const STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;

interface QueueTask {
  id: string;
  state: string;
  name?: string;
  command: string;
  attempt: number;
  agent?: string;
  exitCode?: number | null;
  submittedAt: number;
  startedAt?: number;
  endedAt?: number;
  tags?: Record<string, string>;
}

interface Queue {
  counts: Record<(typeof STATES)[number], number>;
  tasks: QueueTask[];
}

// A counter that goes up every `ms`.
function useTick(ms: number): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = window.setInterval(() => setTick((t) => t + 1), ms);
    return () => window.clearInterval(timer);
  }, [ms]);
  return tick;
}

function SubmitForm({ onDone }: { onDone: (message: string) => void }) {
  const [text, setText] = useState('');
  const submit = (): void => {
    const commands = text.split('\n').filter((line) => line.trim() !== '');
    if (commands.length === 0) return;
    const submissionId = `web-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    api<{ taskIds: string[] }>('/api/pilot/tasks', {
      submissionId,
      tasks: commands.map((command) => ({ command })),
    }).then(
      (r) => {
        setText('');
        onDone(`queued ${r.taskIds.length} task${r.taskIds.length === 1 ? '' : 's'} (${submissionId})`);
      },
      (e: Error) => onDone(`not queued: ${e.message}`),
    );
  };
  return (
    <div className="card">
      <strong>Queue commands</strong> <span className="muted">one per line</span>
      <textarea aria-label="commands" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
      <button onClick={submit}>Submit</button>
    </div>
  );
}

export function PilotPage() {
  const [state, setState] = useState('');
  const [tag, setTag] = useState('');
  const [message, setMessage] = useState<string>();
  const tick = useTick(2000);
  const query = new URLSearchParams({ limit: '200' });
  if (state !== '') query.set('state', state);
  if (tag.includes('=')) query.set('tag', tag);
  const queue = useApi<Queue>(`/api/pilot/tasks?${query.toString()}`, tick);
  if (queue.error !== undefined && queue.data === undefined) return <p className="error">{queue.error}</p>;
  const q = queue.data;
  return (
    <>
      <div className="card">
        <h2>Pilot queue</h2>
        {q === undefined ? (
          <p className="muted">loading…</p>
        ) : (
          <p data-testid="queue-counts">
            {STATES.map((s) => (
              <span key={s} style={{ marginRight: 12 }}>
                <Badge state={s} /> {q.counts[s] ?? 0}
              </span>
            ))}
          </p>
        )}
        <label>
          state{' '}
          <select aria-label="state" value={state} onChange={(e) => setState(e.target.value)}>
            <option value="">any</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          tag <input aria-label="tag" placeholder="k=v" value={tag} onChange={(e) => setTag(e.target.value)} />
        </label>
        {message === undefined ? null : <div className="muted">{message}</div>}
      </div>
      <SubmitForm onDone={setMessage} />
      <div className="card">
        <table>
          <thead>
            <tr>
              <th>task</th>
              <th>state</th>
              <th>command</th>
              <th>agent</th>
              <th>exit</th>
              <th>submitted</th>
              <th>time</th>
              <th>tags</th>
            </tr>
          </thead>
          <tbody>
            {(q?.tasks ?? []).map((t) => (
              <tr key={t.id} data-testid="queue-row">
                <td>{t.name === undefined ? t.id : `${t.name} (${t.id})`}</td>
                <td>
                  <Badge state={t.state} />
                </td>
                <td>
                  <code>{t.command}</code>
                </td>
                <td>{t.agent ?? '-'}</td>
                <td>{t.exitCode ?? '-'}</td>
                <td>{clock(t.submittedAt)}</td>
                <td>{t.startedAt === undefined ? '-' : duration((t.endedAt ?? Date.now()) - t.startedAt)}</td>
                <td>
                  {Object.entries(t.tags ?? {})
                    .map(([k, v]) => `${k}=${v}`)
                    .join(' ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
