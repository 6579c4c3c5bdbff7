import type { TradingHours } from './instrument';

const HOUR_MS = 3_600_000;
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
    const offset = Math.round((local - at) / 60_000);
    if (cache.size > 50_000) cache.clear();
    cache.set(key, offset);
    return offset;
  };
}

const defaultOffsets = createZoneOffsets();

/** Whether the market is open at `timeMs`. Sessions may wrap midnight; open == close means 24 h. */
export function isMarketOpen(hours: TradingHours, timeMs: number, offsets = defaultOffsets): boolean {
  if (hours.kind === 'always') return true;
  const localMs = timeMs + offsets(hours.timeZone, timeMs) * 60_000;
  const localDay = Math.floor(localMs / 86_400_000);
  const minuteOfDay = Math.floor((localMs - localDay * 86_400_000) / 60_000);
  const weekday = ((((localDay + 3) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday (ISO 4)
  for (const session of hours.sessions) {
    const open = toMinutes(session.open);
    const length = (toMinutes(session.close) - open + DAY_MIN) % DAY_MIN || DAY_MIN;
    for (const daysAgo of [0, 1]) {
      const startDay = ((weekday - 1 - daysAgo + 7) % 7) + 1;
      if (!session.days.includes(startDay)) continue;
      const elapsed = minuteOfDay - open + daysAgo * DAY_MIN;
      if (elapsed >= 0 && elapsed < length) return true;
    }
  }
  return false;
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

const MINUTE_MS = 60_000;
const SCAN_LIMIT_MIN = 10 * DAY_MIN;

/**
 * When the trading day in progress (or, when closed, the next one) ends: the next UTC midnight for
 * a market that never closes, else the close of the current or next session. DAY orders expire then.
 */
export function tradingDayEnd(hours: TradingHours, timeMs: number, offsets = defaultOffsets): number {
  if (hours.kind === 'always') return (Math.floor(timeMs / 86_400_000) + 1) * 86_400_000;
  // Sessions open and close on whole minutes: scanning minutes is exact.
  let t = Math.floor(timeMs / MINUTE_MS) * MINUTE_MS;
  let i = 0;
  while (!isMarketOpen(hours, t, offsets) && i++ < SCAN_LIMIT_MIN) t += MINUTE_MS;
  while (isMarketOpen(hours, t, offsets) && i++ < SCAN_LIMIT_MIN) t += MINUTE_MS;
  return Math.max(t, timeMs + MINUTE_MS);
}
