// The dashboard: a hash router over the runs list, a run, its tasks, a task, and the pilot server's queue.
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { PilotPage } from './pilot-page.js';
import { RunPage } from './run-page.js';
import { RunsPage } from './runs-page.js';
import { TaskPage } from './task-page.js';
import { TasksPage, type TaskFilters } from './tasks-page.js';

function useHash(): string {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const on = (): void => setHash(window.location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return hash;
}

function Route({ hash }: { hash: string }) {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?');
  const parts = path
    .split('/')
    .filter((p) => p !== '')
    .map(decodeURIComponent);
  if (parts[0] === 'pilot') return <PilotPage />;
  if (parts[0] === 'runs' && parts[1] !== undefined) {
    if (parts[2] === 'tasks' && parts[3] !== undefined) return <TaskPage runId={parts[1]} taskId={parts[3]} />;
    if (parts[2] === 'tasks') {
      const initial = Object.fromEntries(new URLSearchParams(search)) as TaskFilters;
      return <TasksPage key={`${parts[1]}?${search}`} runId={parts[1]} initial={initial} />;
    }
    return <RunPage runId={parts[1]} />;
  }
  return <RunsPage version={0} />;
}

function App() {
  const hash = useHash();
  return (
    <>
      <header>
        <a href="#/">pipe</a>
        <span>runs, tasks and throughput</span>
        <a href="#/pilot">pilot queue</a>
      </header>
      <main>
        <Route hash={hash} />
      </main>
    </>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(<App />);
