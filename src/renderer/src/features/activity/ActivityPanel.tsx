import { formatClock } from '../frame/format-time';
import { usePreferences } from '../preferences/preferences-store';
import { useActivity } from './activity-store';

export function ActivityPanel() {
  const entries = useActivity((s) => s.entries);
  const clock = usePreferences((s) => s.clock);
  return (
    <section className="panel-body" aria-label="Activity">
      {entries.length === 0 ? <p className="empty">Nothing yet this session.</p> : null}
      <ol className="activity" data-testid="activity-log">
        {entries.map((e) => (
          <li key={e.id} className={`activity-${e.level}`}>
            <time className="mono dim">{formatClock(e.time, clock)}</time>
            <span className="activity-level">{e.level}</span>
            <span className="activity-text">{e.text}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
