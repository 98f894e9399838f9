// Child process of the durability test: records tasks, flushes, then dies without closing the store.
import { openSqliteStore } from '../../../engine/store/sqlite-store.js';

const [dir, countText] = process.argv.slice(2);
const store = openSqliteStore(dir as string);
store.createRun({
  id: 'killed',
  workflow: '/w.txt',
  launchDir: '/',
  backend: 'local',
  status: 'running',
  startedAt: 1,
  pid: process.pid,
  host: 'h',
  argv: '[]',
});
for (let i = 0; i < Number(countText); i++) {
  store.recordTask({
    runId: 'killed',
    taskId: `t${i}`,
    stepId: 's',
    idx: i,
    attempt: 1,
    state: 'succeeded',
    key: `k${i}`,
    command: 'true',
  });
}
store.flush();
process.kill(process.pid, 'SIGKILL');
