// What the run's own live view shows while it runs: tasks running now (light tasks included, which the store records
// only once they end), the rate and time left, running tasks per step, and staging's transfers.
import { duration, type LiveView } from './types.js';

export function LiveCard({ live }: { live: LiveView }) {
  const busy = live.steps.filter((s) => s.running > 0);
  const t = live.transfers;
  return (
    <div className="card" data-testid="live-view">
      <strong>Live</strong>{' '}
      <span>
        {live.running} running · {live.done}/{live.total} done · {live.ratePerSec.toFixed(1)} tasks/s
        {live.etaMs === undefined ? '' : ` · about ${duration(live.etaMs)} left`}
      </span>
      {busy.length === 0 ? null : (
        <div className="muted">running now: {busy.map((s) => `${s.name} ${s.running}`).join(' · ')}</div>
      )}
      {t === undefined ? null : (
        <div className="muted">
          transfers: {t.running} running, {t.done} done, {t.reused} reused, {t.failed} failed
        </div>
      )}
    </div>
  );
}
