import { TickMarkType, type Time } from 'lightweight-charts';

/** What lightweight-charts' own formatter shows for each kind of tick mark (times in UTC). */
const OPTIONS: Record<TickMarkType, Intl.DateTimeFormatOptions> = {
  [TickMarkType.Year]: { year: 'numeric' },
  [TickMarkType.Month]: { month: 'short' },
  [TickMarkType.DayOfMonth]: { day: 'numeric' },
  [TickMarkType.Time]: { hour12: false, hour: '2-digit', minute: '2-digit' },
  [TickMarkType.TimeWithSeconds]: { hour12: false, hour: '2-digit', minute: '2-digit', second: '2-digit' },
};

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * The time axis' labels as lightweight-charts draws them by default, but from a formatter made
 * once per locale and kind: its default calls `toLocaleString` per label, which builds a new
 * formatter every time — tens of milliseconds when eight charts first draw their axes.
 */
export function tickMarkLabel(time: Time, type: TickMarkType, locale: string): string | null {
  if (typeof time !== 'number') return null; // business days: the library's own formatter
  const key = `${locale}|${type}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...OPTIONS[type], timeZone: 'UTC' });
    formats.set(key, format);
  }
  return format.format(time * 1000);
}
