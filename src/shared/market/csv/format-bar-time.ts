/** Time of day of `timeMs` in UTC for messages: `13:45`, with `:07` or `:07.250` only when not zero. */
export function formatClock(timeMs: number): string {
  return clockOf(new Date(timeMs).toISOString());
}

/** `timeMs` as `2024-01-02 13:45` (UTC) for messages, with seconds only when not zero. */
export function formatBarTime(timeMs: number): string {
  const iso = new Date(timeMs).toISOString();
  return `${iso.slice(0, 10)} ${clockOf(iso)}`;
}

function clockOf(iso: string): string {
  const hhmm = iso.slice(11, 16);
  const ss = iso.slice(17, 19);
  const ms = iso.slice(20, 23);
  if (ms !== '000') return `${hhmm}:${ss}.${ms}`;
  return ss === '00' ? hhmm : `${hhmm}:${ss}`;
}
