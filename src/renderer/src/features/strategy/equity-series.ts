import type { UTCTimestamp } from 'lightweight-charts';

export interface DayValue {
  day: string;
  value: number;
}

/** The chart's time for a UTC day (`YYYY-MM-DD`): its midnight in seconds. */
export const dayTime = (day: string): UTCTimestamp => (Date.parse(`${day}T00:00:00Z`) / 1000) as UTCTimestamp;

/** The equity index (I₀ = 1) as cumulative return in percent: 1.25 → +25. */
export function equityPoints(index: readonly DayValue[]): Array<{ time: UTCTimestamp; value: number }> {
  return index.map((p) => ({ time: dayTime(p.day), value: (p.value - 1) * 100 }));
}

/** The drawdown (a positive fraction below the running peak) as a loss in percent, drawn below zero: 0.2 → −20. */
export function drawdownPoints(drawdown: readonly DayValue[]): Array<{ time: UTCTimestamp; value: number }> {
  return drawdown.map((p) => ({ time: dayTime(p.day), value: p.value === 0 ? 0 : -p.value * 100 }));
}

/** Axis and crosshair labels in percent with a sign, as precise as the size needs: +125%, +12.5%, −3.04%. */
export function percentLabel(v: number): string {
  const a = Math.abs(v);
  const text = a.toFixed(a >= 100 ? 0 : a >= 10 ? 1 : 2);
  if (/^0(\.0+)?$/.test(text)) return `${text}%`;
  return v > 0 ? `+${text}%` : `−${text}%`;
}
