import { type Bar } from '../bar';
import { bucketStart, type Timeframe } from '../timeframes';
import { CsvImportError, MAX_CSV_BARS, noBarsError } from './csv-import-error';
import { detectLayout, type CsvLayout } from './detect-layout';
import { formatBarTime, formatClock } from './format-bar-time';
import { DECIMAL_MARK, parseDecimal } from './parse-decimal';
import { parseDate, parseDateTime, parseSplitDateTime } from './parse-time';
import { isBlankLine, scanFields, trimLineEnd } from './scan-fields';

export { CsvImportError, MAX_CSV_BARS, type CsvImportErrorCode } from './csv-import-error';

/** What the caller knows that the file does not say. */
export interface ParseBarsOptions {
  /** Timeframe of the file's bars: every bar must start on one of its boundaries (UTC). */
  timeframe: Timeframe;
  /** Current time in ms since the epoch; a bar starting after it is refused. */
  now: number;
  /** Zone of date-times written without an offset; only UTC for now. */
  timeZone?: 'UTC';
}

/** The bars of a file, oldest first, and how the file was read. */
export interface ParsedBars {
  bars: Bar[];
  /** The detected layout for the trader, e.g. "header: date,open,high,low,close,volume; separator ','; time: ISO 8601". */
  layout: string;
}

/**
 * Parses OHLCV history from CSV text in one pass. Detects the separator (`,` `;` tab), an
 * optional header (names such as time/date, open/o, high/h, low/l, close/c/last/price,
 * volume/vol/tickvol; unknown columns ignored), MetaTrader exports with separate date and time
 * columns, headerless `time,open,high,low,close[,volume]` rows, unix seconds, milliseconds or
 * microseconds, ISO 8601 date-times and dates, and `,` decimals in `;` or tab separated files.
 *
 * @throws {@link CsvImportError} on the first problem: an unreadable row, prices that contradict
 * each other, rows out of order or duplicated, a bar in the future or off the timeframe's grid.
 */
export function parseBarsCsv(input: string, options: ParseBarsOptions): ParsedBars {
  if (!Number.isFinite(options.now)) throw new RangeError(`parseBarsCsv: now must be a time in ms, got ${options.now}`);
  // Classic Mac line ends (Excel for Mac still writes them); indexOf finds a '\n' at once in any other file.
  const text = input.indexOf('\n') < 0 && input.includes('\r') ? input.replaceAll('\r', '\n') : input;
  const layout = detectLayout(text);
  if (exceedsRowLimit(text, layout.dataStart)) {
    throw new CsvImportError(
      'TOO_MANY_BARS',
      0,
      `The file has more than ${MAX_CSV_BARS.toLocaleString('en-US')} bars; split it into smaller files or export a longer timeframe.`,
    );
  }
  const { timeframe, now } = options;
  const { fieldCount, timeColumn: tc, dateColumn: dc, openColumn: oc, highColumn: hc, lowColumn: lc, closeColumn: cc, volumeColumn: vc } = layout;
  const sep = layout.separator.charCodeAt(0);
  const mark = DECIMAL_MARK[layout.decimalMark];
  // Field bounds are reused for every row: the Bar is the only allocation per row.
  const starts = new Int32Array(fieldCount);
  const ends = new Int32Array(fieldCount);
  const bars: Bar[] = [];
  let previous = Number.NEGATIVE_INFINITY;
  let pos = layout.dataStart;
  let line = layout.dataLine;
  while (pos < text.length) {
    let lineBreak = text.indexOf('\n', pos);
    if (lineBreak < 0) lineBreak = text.length;
    const end = trimLineEnd(text, pos, lineBreak);
    if (!isBlankLine(text, pos, end)) {
      const count = scanFields(text, pos, end, sep, starts, ends, fieldCount);
      if (count < fieldCount) throw missingFields(layout, line, count);

      const time = dc < 0 ? parseDateTime(text, starts[tc]!, ends[tc]!) : parseSplitDateTime(text, starts[dc]!, ends[dc]!, starts[tc]!, ends[tc]!);
      if (Number.isNaN(time)) throw badTime(text, starts, ends, layout, line);
      if (time > now) throw new CsvImportError('FUTURE_BAR', line, `${formatBarTime(time)} is in the future; check the unit and time zone of the time column`, 'time');
      if (bucketStart(time, timeframe) !== time) {
        throw new CsvImportError('MISALIGNED', line, `${formatClock(time)} is not on a ${timeframe} boundary; is the file really ${timeframe} bars?`, 'time');
      }
      if (time <= previous) {
        throw new CsvImportError(
          'NOT_ASCENDING',
          line,
          `${formatBarTime(time)} is not after the previous bar ${formatBarTime(previous)} (rows must be sorted by time, without duplicates)`,
          'time',
        );
      }

      const open = parseDecimal(text, starts[oc]!, ends[oc]!, mark);
      if (!(open > 0 && open < Infinity)) throw badNumber(text, starts, ends, layout, line, 'open', oc, open);
      const high = parseDecimal(text, starts[hc]!, ends[hc]!, mark);
      if (!(high > 0 && high < Infinity)) throw badNumber(text, starts, ends, layout, line, 'high', hc, high);
      const low = parseDecimal(text, starts[lc]!, ends[lc]!, mark);
      if (!(low > 0 && low < Infinity)) throw badNumber(text, starts, ends, layout, line, 'low', lc, low);
      const close = parseDecimal(text, starts[cc]!, ends[cc]!, mark);
      if (!(close > 0 && close < Infinity)) throw badNumber(text, starts, ends, layout, line, 'close', cc, close);
      let volume = 0;
      if (vc >= 0) {
        volume = parseDecimal(text, starts[vc]!, ends[vc]!, mark);
        if (!(volume >= 0 && volume < Infinity)) throw badNumber(text, starts, ends, layout, line, 'volume', vc, volume);
      }
      if (high < open || high < close || high < low || low > open || low > close) throw inconsistent(text, starts, ends, layout, line, { open, high, low, close });

      bars.push({ time, open, high, low, close, volume });
      previous = time;
    }
    pos = lineBreak + 1;
    line++;
  }
  if (bars.length === 0) throw noBarsError();
  return { bars, layout: layout.description };
}

/** Counts non-blank lines from `from` only when the text is long enough to hold too many. */
function exceedsRowLimit(text: string, from: number): boolean {
  // A row takes at least one character and a line break.
  if ((text.length - from + 1) / 2 <= MAX_CSV_BARS) return false;
  let rows = 0;
  let pos = from;
  while (pos < text.length) {
    let lineBreak = text.indexOf('\n', pos);
    if (lineBreak < 0) lineBreak = text.length;
    if (!isBlankLine(text, pos, trimLineEnd(text, pos, lineBreak)) && ++rows > MAX_CSV_BARS) return true;
    pos = lineBreak + 1;
  }
  return false;
}

// Error explanations: off the hot path, so they may slice and use regular expressions.

type NumberColumn = 'open' | 'high' | 'low' | 'close' | 'volume';

function cell(text: string, starts: Int32Array, ends: Int32Array, column: number): string {
  return text.slice(starts[column], ends[column]);
}

function missingFields(layout: CsvLayout, line: number, count: number): CsvImportError {
  const columns: [string, number][] = [
    ['date', layout.dateColumn],
    ['time', layout.timeColumn],
    ['open', layout.openColumn],
    ['high', layout.highColumn],
    ['low', layout.lowColumn],
    ['close', layout.closeColumn],
    ['volume', layout.volumeColumn],
  ];
  const missing = columns.filter(([, c]) => c >= count).sort((a, b) => a[1] - b[1]).map(([name]) => name);
  const names = missing.length === 1 ? `${missing[0]} is` : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)} are`;
  return new CsvImportError(
    'MISSING_FIELD',
    line,
    `the row has ${count} field${count === 1 ? '' : 's'} but needs ${layout.fieldCount}: ${names} missing`,
    missing[0],
  );
}

function badTime(text: string, starts: Int32Array, ends: Int32Array, layout: CsvLayout, line: number): CsvImportError {
  const time = cell(text, starts, ends, layout.timeColumn);
  const date = layout.dateColumn >= 0 ? cell(text, starts, ends, layout.dateColumn) : undefined;
  const column = date !== undefined && Number.isNaN(parseDate(date, 0, date.length)) ? 'date' : 'time';
  const raw = date === undefined ? time : `${date} ${time}`;
  if (raw.trim() === '') return new CsvImportError('MISSING_FIELD', line, `${column} is empty`, column);
  if (/^\d+$/.test(raw)) {
    return new CsvImportError(
      'BAD_TIME',
      line,
      `cannot tell the unit of the unix time ${raw} (${raw.length} digits); write seconds (10 digits), milliseconds (13 digits) or a date such as 2024-01-02 13:45`,
      column,
    );
  }
  if (/^\d{1,2}\/\d{1,2}\/\d{4}/.test(raw)) {
    return new CsvImportError(
      'BAD_TIME',
      line,
      `cannot read "${raw}" as a date/time: day and month could be either way round; write dates as YYYY-MM-DD`,
      column,
    );
  }
  return new CsvImportError(
    'BAD_TIME',
    line,
    `cannot read "${raw}" as a date/time; write e.g. 2024-01-02 13:45:00 (UTC), 2024-01-02T13:45:00+02:00 or unix seconds`,
    column,
  );
}

function badNumber(text: string, starts: Int32Array, ends: Int32Array, layout: CsvLayout, line: number, name: NumberColumn, column: number, value: number): CsvImportError {
  const raw = cell(text, starts, ends, column);
  if (raw === '') return new CsvImportError('MISSING_FIELD', line, `${name} is empty`, name);
  if (Number.isNaN(value)) {
    const mark = layout.decimalMark;
    const other = mark === '.' ? ',' : '.';
    if (/^[+-]?[\d.,]+$/.test(raw) && raw.includes(other)) {
      return new CsvImportError(
        'BAD_NUMBER',
        line,
        `${name} "${raw}": cannot tell whether '${other}' is a thousands or a decimal separator (this file uses '${mark}' for decimals); remove thousands separators`,
        name,
      );
    }
    if (/^[+-]?\d[\d.,]*(['\u0020\u00a0\u202f]\d[\d.,]*)+$/.test(raw)) {
      return new CsvImportError('BAD_NUMBER', line, `${name} "${raw}" has thousands separators; remove them (this file uses '${mark}' for decimals)`, name);
    }
    return new CsvImportError('BAD_NUMBER', line, `${name} "${raw}" is not a number`, name);
  }
  if (value === Infinity) return new CsvImportError('BAD_NUMBER', line, `${name} ${raw} is too large to be a real ${name === 'volume' ? 'volume' : 'price'}`, name);
  if (name === 'volume') return new CsvImportError('BAD_NUMBER', line, `volume ${raw} cannot be negative`, name);
  return new CsvImportError('BAD_NUMBER', line, `${name} ${raw} must be above zero`, name);
}

function inconsistent(
  text: string,
  starts: Int32Array,
  ends: Int32Array,
  layout: CsvLayout,
  line: number,
  p: { open: number; high: number; low: number; close: number },
): CsvImportError {
  const raw = (column: number): string => cell(text, starts, ends, column);
  const high = raw(layout.highColumn);
  const low = raw(layout.lowColumn);
  const fail = (column: 'high' | 'low', detail: string): CsvImportError => new CsvImportError('OHLC_INCONSISTENT', line, detail, column);
  if (p.high < p.open) return fail('high', `high ${high} is below open ${raw(layout.openColumn)}`);
  if (p.high < p.close) return fail('high', `high ${high} is below close ${raw(layout.closeColumn)}`);
  if (p.high < p.low) return fail('high', `high ${high} is below low ${low}`);
  if (p.low > p.open) return fail('low', `low ${low} is above open ${raw(layout.openColumn)}`);
  return fail('low', `low ${low} is above close ${raw(layout.closeColumn)}`);
}
