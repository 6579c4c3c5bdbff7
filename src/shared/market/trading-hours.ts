import type { TradingHours } from './instrument';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './timeframes';

const DAY_MIN = 1440;

/** UTC offset of `timeZone` in minutes at `timeMs`, cached per zone and UTC hour (DST moves on hours). */
export function createZoneOffsets(): (timeZone: string, timeMs: number) => number {
  const formatters = new Map<string, Intl.DateTimeFormat>();
  const cache = new Map<string, number>();
  return (timeZone, timeMs) => {
    const hour = Math.floor(timeMs / HOUR_MS);
    const key = `${timeZone}|${hour}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    let fmt = formatters.get(timeZone);
    if (!fmt) {
      fmt = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
      formatters.set(timeZone, fmt);
    }
    const at = hour * HOUR_MS;
    const parts = Object.fromEntries(fmt.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
    const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
    const offset = Math.round((local - at) / MINUTE_MS);
    if (cache.size > 50_000) cache.clear();
    cache.set(key, offset);
    return offset;
  };
}

const defaultOffsets = createZoneOffsets();

/** Whether the market is open at `timeMs`. Sessions may wrap midnight; open == close means 24 h. */
export function isMarketOpen(hours: TradingHours, timeMs: number, offsets = defaultOffsets): boolean {
  if (hours.kind === 'always') return true;
  const localMs = timeMs + offsets(hours.timeZone, timeMs) * MINUTE_MS;
  const localDay = Math.floor(localMs / DAY_MS);
  const minuteOfDay = Math.floor((localMs - localDay * DAY_MS) / MINUTE_MS);
  const weekday = ((((localDay + 3) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday (ISO 4)
  for (const session of hours.sessions) {
    const { open, length } = sessionBounds(session);
    for (let daysAgo = 0; daysAgo <= 1; daysAgo++) {
      const startDay = ((weekday - 1 - daysAgo + 7) % 7) + 1;
      if (!session.days.includes(startDay)) continue;
      const elapsed = minuteOfDay - open + daysAgo * DAY_MIN;
      if (elapsed >= 0 && elapsed < length) return true;
    }
  }
  return false;
}

type Session = Extract<TradingHours, { kind: 'sessions' }>['sessions'][number];

// isMarketOpen runs per quote in matching and per slot of generated history: parse each
// session's HH:MM strings once, not on every call.
const boundsCache = new WeakMap<Session, { open: number; length: number }>();

/** Minute of the day a session opens, and how many minutes it lasts. */
function sessionBounds(session: Session): { open: number; length: number } {
  let bounds = boundsCache.get(session);
  if (!bounds) {
    const open = toMinutes(session.open);
    bounds = { open, length: (toMinutes(session.close) - open + DAY_MIN) % DAY_MIN || DAY_MIN };
    boundsCache.set(session, bounds);
  }
  return bounds;
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

const SCAN_LIMIT_MIN = 10 * DAY_MIN;

/**
 * When the trading day in progress (or, when closed, the next one) ends: the next UTC midnight for
 * a market that never closes, else the close of the current or next session. DAY orders expire then.
 */
export function tradingDayEnd(hours: TradingHours, timeMs: number, offsets = defaultOffsets): number {
  if (hours.kind === 'always') return (Math.floor(timeMs / DAY_MS) + 1) * DAY_MS;
  // Sessions open and close on whole minutes: scanning minutes is exact.
  let t = Math.floor(timeMs / MINUTE_MS) * MINUTE_MS;
  let i = 0;
  while (!isMarketOpen(hours, t, offsets) && i++ < SCAN_LIMIT_MIN) t += MINUTE_MS;
  while (isMarketOpen(hours, t, offsets) && i++ < SCAN_LIMIT_MIN) t += MINUTE_MS;
  return Math.max(t, timeMs + MINUTE_MS);
}
