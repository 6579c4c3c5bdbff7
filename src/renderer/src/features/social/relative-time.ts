const pad = (n: number): string => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** How long ago, as feeds say it: now, 45s, 12m, 3h, 2d; older than a week as a date (Mar 4, 2024-03-04 in another year). */
export function relativeTime(ms: number, now: number, clock: 'utc' | 'local' = 'utc'): string {
  const s = Math.floor((now - ms) / 1000);
  if (s < 10) return 'now';
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  if (s < 7 * 86_400) return `${Math.floor(s / 86_400)}d`;
  const d = new Date(ms);
  const n = new Date(now);
  const utc = clock === 'utc';
  const [y, mo, da] = utc ? [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()] : [d.getFullYear(), d.getMonth(), d.getDate()];
  const thisYear = utc ? n.getUTCFullYear() : n.getFullYear();
  return y === thisYear ? `${MONTHS[mo]} ${da}` : `${y}-${pad(mo + 1)}-${pad(da)}`;
}

/** The full time for a tooltip: 2024-03-04 14:03 UTC. */
export function fullTime(ms: number, clock: 'utc' | 'local' = 'utc'): string {
  const d = new Date(ms);
  if (clock === 'utc') return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
