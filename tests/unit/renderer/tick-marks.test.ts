import { TickMarkType, type UTCTimestamp } from 'lightweight-charts';
import { describe, expect, it } from 'vitest';
import { tickMarkLabel } from '../../../src/renderer/src/features/charts/tick-marks';

/** lightweight-charts' own default: UTC fields shown through `toLocaleString`. */
function libraryDefault(seconds: number, type: TickMarkType, locale: string): string {
  const options: Intl.DateTimeFormatOptions = [{ year: 'numeric' }, { month: 'short' }, { day: 'numeric' }, { hour12: false, hour: '2-digit', minute: '2-digit' }, { hour12: false, hour: '2-digit', minute: '2-digit', second: '2-digit' }][type] as Intl.DateTimeFormatOptions;
  const d = new Date(seconds * 1000);
  return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()).toLocaleString(locale, options);
}

describe('time axis labels', () => {
  it('read as the library would label them, in UTC', () => {
    const times = [Date.UTC(2025, 0, 1), Date.UTC(2025, 5, 15, 13, 7, 9), Date.UTC(2024, 11, 31, 23, 59, 30)].map((ms) => ms / 1000);
    for (const locale of ['en-US', 'de-DE', 'ja-JP'])
      for (const type of [TickMarkType.Year, TickMarkType.Month, TickMarkType.DayOfMonth, TickMarkType.Time, TickMarkType.TimeWithSeconds])
        for (const t of times) expect(tickMarkLabel(t as UTCTimestamp, type, locale)).toBe(libraryDefault(t, type, locale));
  });

  it('leave business days to the library', () => {
    expect(tickMarkLabel('2025-01-01', TickMarkType.DayOfMonth, 'en-US')).toBeNull();
  });
});
