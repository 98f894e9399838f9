// The runs of this launch directory, newest first.
import { useApi } from './api.js';
import { clock, duration, total, type Run } from './types.js';
import { Badge, Progress } from './widgets.js';

export function RunsPage({ version }: { version: number }) {
  const { data, error } = useApi<{ runs: Run[] }>('/api/runs', version);
  if (error !== undefined) return <p className="error">{error}</p>;
  if (data === undefined) return <p className="muted">loading…</p>;
  return (
    <div className="card">
      <h2>Runs</h2>
      <table>
        <thead>
          <tr>
            <th>run</th>
            <th>workflow</th>
            <th>status</th>
            <th>started</th>
            <th>duration</th>
            <th>tasks</th>
            <th>progress</th>
          </tr>
        </thead>
        <tbody>
          {data.runs.map((run) => (
            <tr key={run.id}>
              <td>
                <a href={`#/runs/${encodeURIComponent(run.id)}`}>{run.id}</a>
              </td>
              <td>
                <code>{run.workflow}</code>
              </td>
              <td>
                <Badge state={run.status} />
              </td>
              <td>{clock(run.startedAt)}</td>
              <td>{duration((run.finishedAt ?? Date.now()) - run.startedAt)}</td>
              <td>{total(run.counts ?? {})}</td>
              <td>
                <Progress counts={run.counts ?? {}} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
