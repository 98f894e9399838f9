// One run: its status and actions, step progress, the step graph, throughput and concurrency over time, and its
// failures with their cause and stderr tail.
import { useState } from 'react';
import { api, runPath, useApi, useLiveVersion, useLiveView } from './api.js';
import { LiveCard } from './live-card.js';
import { DagView } from './dag-view.js';
import {
  clock,
  duration,
  STATES,
  total,
  type Counts,
  type Dag,
  type RunDetail,
  type Series,
  type Task,
} from './types.js';
import { Badge, LineChart, Progress } from './widgets.js';

export function RunPage({ runId }: { runId: string }) {
  const version = useLiveVersion(runId);
  const base = runPath(runId);
  const detail = useApi<RunDetail>(base, version);
  const series = useApi<Series>(`${base}/series?buckets=120`, version);
  const failures = useApi<{ failures: Task[]; more: boolean }>(`${base}/failures?limit=20`, version);
  const dag = useApi<Dag>(`${base}/dag`);
  const live = useLiveView(runId);
  const [message, setMessage] = useState<string>();
  if (detail.error !== undefined) return <p className="error">{detail.error}</p>;
  const d = detail.data;
  if (d === undefined) return <p className="muted">loading…</p>;
  const act = (what: 'cancel' | 'retry'): void => {
    api<Record<string, unknown>>(`${base}/${what}`, {}).then(
      (r) => setMessage(`${what}: ${JSON.stringify(r)}`),
      (e: Error) => setMessage(`${what}: ${e.message}`),
    );
  };
  const stepCounts = new Map<string, Counts>(d.steps.map((s) => [s.id, s.counts]));
  return (
    <>
      <div className="card">
        <h2>
          Run {d.run.id} <Badge state={d.status} />
        </h2>
        <div>
          <code>{d.run.workflow}</code> · backend {d.run.backend} · started {clock(d.run.startedAt)} ·{' '}
          {duration((d.run.finishedAt ?? Date.now()) - d.run.startedAt)}
          {d.run.resumedFrom ? ` · resumed ${d.run.resumedFrom}` : ''}
        </div>
        <p>
          {STATES.filter((s) => d.counts[s]).map((s) => (
            <span key={s} style={{ marginRight: 12 }}>
              <Badge state={s} /> {d.counts[s]}
            </span>
          ))}
          <a href={`#/runs/${encodeURIComponent(runId)}/tasks`}>all {total(d.counts)} tasks →</a>
        </p>
        <button onClick={() => act('cancel')} disabled={d.status !== 'running'}>
          Cancel run
        </button>{' '}
        <button onClick={() => act('retry')} disabled={d.status === 'running'}>
          Retry failed (resume)
        </button>
        {message === undefined ? null : <div className="muted">{message}</div>}
      </div>
      {live === undefined ? null : <LiveCard live={live} />}
      <div className="card">
        <strong>Step progress</strong>
        <table>
          <tbody>
            {d.steps.map((s) => (
              <tr key={s.id}>
                <td>
                  <a href={`#/runs/${encodeURIComponent(runId)}/tasks?step=${encodeURIComponent(s.id)}`}>{s.name}</a>
                </td>
                <td style={{ width: '50%' }}>
                  <Progress counts={s.counts} of={s.total} />
                </td>
                <td>
                  {total(s.counts)}
                  {s.total === undefined ? '' : ` / ${s.total}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {dag.data === undefined ? null : <DagView dag={dag.data} counts={stepCounts} />}
      {series.data === undefined ? null : (
        <div className="grid">
          <LineChart
            title="Throughput (tasks ended per bucket)"
            values={series.data.ended}
            bucketMs={series.data.bucketMs}
            unit="buckets"
          />
          <LineChart
            title="Concurrency (tasks running)"
            values={series.data.running}
            bucketMs={series.data.bucketMs}
            unit="buckets"
          />
        </div>
      )}
      <div className="card">
        <strong>Failures</strong>
        {failures.data?.failures.length === 0 ? <p className="muted">none</p> : null}
        {failures.data?.failures.map((t) => (
          <div key={t.taskId} style={{ marginTop: 8 }}>
            <a href={`#/runs/${encodeURIComponent(runId)}/tasks/${encodeURIComponent(t.taskId)}`}>{t.taskId}</a>{' '}
            (attempt {t.attempt}): exit {t.exitCode ?? '-'} {t.reason ?? ''}
            <div>
              <code>{t.command}</code>
            </div>
            {t.stderrTail === undefined ? null : <pre>{t.stderrTail}</pre>}
          </div>
        ))}
        {failures.data?.more ? (
          <a href={`#/runs/${encodeURIComponent(runId)}/tasks?state=failed`}>more failures →</a>
        ) : null}
      </div>
    </>
  );
}
