// One task: its attempts, their logs and resource use, and why it was reused or run again.
import { useState } from 'react';
import { runPath, useApi, useLiveVersion } from './api.js';
import { clock, duration, type Task } from './types.js';
import { Badge } from './widgets.js';

const FILES = ['stderr', 'stdout', 'log', 'script', 'wrapper', 'trace'] as const;

export function TaskPage({ runId, taskId }: { runId: string; taskId: string }) {
  const version = useLiveVersion(runId, 2000);
  const base = `${runPath(runId)}/tasks/${encodeURIComponent(taskId)}`;
  const task = useApi<{ attempts: Task[] }>(base, version);
  const why = useApi<{ lines: string[] }>(`${base}/why`, version);
  const [file, setFile] = useState<(typeof FILES)[number]>('stderr');
  const [attempt, setAttempt] = useState<number>();
  const log = useApi<{ text: string; file: string | null; attempt: number }>(
    `${base}/logs?file=${file}${attempt === undefined ? '' : `&attempt=${attempt}`}`,
    version,
  );
  if (task.error !== undefined) return <p className="error">{task.error}</p>;
  if (task.data === undefined) return <p className="muted">loading…</p>;
  return (
    <>
      <div className="card">
        <h2>
          Task {taskId} of <a href={`#/runs/${encodeURIComponent(runId)}`}>{runId}</a>
        </h2>
        <table>
          <thead>
            <tr>
              <th>attempt</th>
              <th>state</th>
              <th>exit</th>
              <th>reason</th>
              <th>started</th>
              <th>duration</th>
              <th>%cpu</th>
              <th>peak rss</th>
              <th>work dir</th>
            </tr>
          </thead>
          <tbody>
            {task.data.attempts.map((a) => (
              <tr key={a.attempt} onClick={() => setAttempt(a.attempt)} style={{ cursor: 'pointer' }}>
                <td>{a.attempt}</td>
                <td>
                  <Badge state={a.state} />
                </td>
                <td>{a.exitCode ?? '-'}</td>
                <td>{a.reason ?? ''}</td>
                <td>{clock(a.startedAt)}</td>
                <td>
                  {a.startedAt !== undefined && a.endedAt !== undefined ? duration(a.endedAt - a.startedAt) : '-'}
                </td>
                <td>{a.resources?.cpuPercent ?? '-'}</td>
                <td>
                  {a.resources?.peakRss === undefined ? '-' : `${Math.round((a.resources.peakRss ?? 0) / 1048576)} MiB`}
                </td>
                <td>
                  <code>{a.workDir ?? ''}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          <code>{task.data.attempts[task.data.attempts.length - 1]?.command}</code>
        </p>
      </div>
      <div className="card">
        <strong>Why</strong>
        <pre>{why.data?.lines.join('\n') ?? why.error ?? ''}</pre>
      </div>
      <div className="card">
        <strong>Files</strong>{' '}
        {FILES.map((f) => (
          <button key={f} onClick={() => setFile(f)} disabled={f === file}>
            {f}
          </button>
        ))}
        <div className="muted">{log.data?.file ?? 'no such file for this attempt'}</div>
        <pre>{log.data?.text ?? log.error ?? ''}</pre>
      </div>
    </>
  );
}
