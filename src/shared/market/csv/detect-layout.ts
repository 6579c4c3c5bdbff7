import { CsvImportError, noBarsError } from './csv-import-error';
import { parseClock, parseDate, unixUnitMs } from './parse-time';
import { isBlankLine, scanFields, trimLineEnd } from './scan-fields';

/** Field separators we recognise, in the order they are tried: `;` and tab lines may hold `,` decimals. */
const SEPARATORS = ['\t', ';', ','] as const;
export type CsvSeparator = (typeof SEPARATORS)[number];

/** How to read the rows of one bar CSV, as found by {@link detectLayout}. */
export interface CsvLayout {
  readonly separator: CsvSeparator;
  /** `,` only in `;` or tab separated files whose prices use a decimal comma (European exports). */
  readonly decimalMark: '.' | ',';
  /** Column of the full bar time, or of the time of day when `dateColumn` is set. */
  readonly timeColumn: number;
  /** Column of the date when date and time of day are separate (MetaTrader), else -1. */
  readonly dateColumn: number;
  readonly openColumn: number;
  readonly highColumn: number;
  readonly lowColumn: number;
  readonly closeColumn: number;
  /** -1 when the file has no volume: bars get volume 0. */
  readonly volumeColumn: number;
  /** Fields a data row needs: one past the rightmost column used. */
  readonly fieldCount: number;
  /** Offset in the text and 1-based line number where the data rows start. */
  readonly dataStart: number;
  readonly dataLine: number;
  /** For the trader, e.g. "header: date,open,high,low,close,volume; separator ','; time: ISO 8601". */
  readonly description: string;
}

type Role = 'time' | 'open' | 'high' | 'low' | 'close' | 'volume';

/** Normalised header names per role, best first: "close" wins over "price" when both exist. */
const HEADER_NAMES: Readonly<Record<Role, readonly string[]>> = {
  time: ['datetime', 'timestamp', 'time', 'opentime', 'gmttime', 'unix', 'date'],
  open: ['open', 'o'],
  high: ['high', 'h'],
  low: ['low', 'l'],
  close: ['close', 'c', 'last', 'price'],
  volume: ['volume', 'vol', 'v', 'tickvol', 'tickvolume'],
};
const KNOWN_NAMES = new Set(Object.values(HEADER_NAMES).flat());
const PRICE_ROLES = ['open', 'high', 'low', 'close'] as const;

/** Rows examined to tell whether a volume column is empty. */
const SAMPLE_ROWS = 50;
const COMMA = 44;
const DOT = 46;
/** Header fields examined; files with more columns than this are not OHLCV exports. */
const MAX_HEADER_FIELDS = 256;

interface TextLine {
  start: number;
  end: number;
  next: number;
  line: number;
}

/**
 * Finds the separator, header, columns and decimal mark of a bar CSV from its first lines (for
 * the decimal mark of a `;` or tab file, from the first number that has one).
 * Throws {@link CsvImportError} when the file has no data rows or its columns cannot be recognised.
 */
export function detectLayout(text: string): CsvLayout {
  const first = nextNonBlankLine(text, text.charCodeAt(0) === 0xfeff ? 1 : 0, 1);
  if (!first) throw noBarsError();
  const separator = chooseSeparator(text, first);
  const sep = separator.charCodeAt(0);
  const cells = fieldsOf(text, first, sep);
  const keys = cells.map(normaliseName);

  const header = keys.some((k) => KNOWN_NAMES.has(k));
  const data = header ? nextNonBlankLine(text, first.next, first.line + 1) : first;
  if (!data) throw noBarsError();
  const dataCells = fieldsOf(text, data, sep);

  const columns = header ? columnsFromHeader(cells, keys, dataCells, first.line) : columnsFromData(dataCells, first.line, text.slice(first.start, first.end));
  if (header) columns.volume = preferTickVolume(text, data, sep, keys, columns.volume);
  const decimalMark = separator === ',' ? '.' : findDecimalMark(text, data, sep, columns);
  const used = [columns.date, columns.time, columns.open, columns.high, columns.low, columns.close, columns.volume].filter((c) => c >= 0);

  const parts = [
    header ? `header: ${used.map((c) => cells[c]).join(',')}` : `no header${columns.date >= 0 ? ' (MetaTrader)' : ''}: ${headerlessNames(columns)}`,
    `separator ${separator === '\t' ? 'tab' : `'${separator}'`}`,
  ];
  if (decimalMark === ',') parts.push("decimal ','");
  parts.push(`time: ${describeTime(dataCells[columns.time] ?? '', columns.date >= 0 ? dataCells[columns.date] : undefined)}`);
  if (columns.volume < 0) parts.push('no volume column (volume 0)');
  const ignored = header ? cells.filter((name, i) => name !== '' && !used.includes(i)) : [];
  if (ignored.length > 0) parts.push(`ignored: ${ignored.join(', ')}`);
  else if (!header && dataCells.length > Math.max(...used) + 1) parts.push(`ignored: ${dataCells.length - Math.max(...used) - 1} extra columns`);

  return {
    separator,
    decimalMark,
    timeColumn: columns.time,
    dateColumn: columns.date,
    openColumn: columns.open,
    highColumn: columns.high,
    lowColumn: columns.low,
    closeColumn: columns.close,
    volumeColumn: columns.volume,
    fieldCount: Math.max(...used) + 1,
    dataStart: data.start,
    dataLine: data.line,
    description: parts.join('; '),
  };
}

interface Columns {
  date: number;
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

function columnsFromHeader(cells: string[], keys: string[], dataCells: string[], line: number): Columns {
  const find = (role: Role): number => {
    for (const name of HEADER_NAMES[role]) {
      const i = keys.indexOf(name);
      if (i >= 0) return i;
    }
    return -1;
  };
  const columns: Columns = { date: -1, time: find('time'), open: find('open'), high: find('high'), low: find('low'), close: find('close'), volume: find('volume') };
  const missing = (['time', ...PRICE_ROLES] as const).filter((role) => columns[role] < 0);
  if (missing.length > 0) {
    const names = missing.map((role) => `"${role}"`).join(', ');
    throw new CsvImportError(
      'UNKNOWN_LAYOUT',
      line,
      `the header has no ${names} column (found: ${shorten(cells.join(', '))}); rename the columns to time, open, high, low, close and volume`,
      missing[0],
    );
  }
  // MetaTrader (<DATE>, <TIME>) and others split the bar time in two columns.
  const date = keys.indexOf('date');
  const time = keys.indexOf('time');
  if (date >= 0 && time >= 0 && isDateOnly(dataCells[date]) && isClock(dataCells[time])) {
    columns.date = date;
    columns.time = time;
  }
  return columns;
}

function columnsFromData(cells: string[], line: number, raw: string): Columns {
  if (cells.length < 5 || !/^\d/.test(cells[0] ?? '')) {
    throw new CsvImportError(
      'UNKNOWN_LAYOUT',
      line,
      `cannot recognise the columns of "${shorten(raw)}"; add a header row such as time,open,high,low,close,volume`,
    );
  }
  if (cells.length >= 6 && isDateOnly(cells[0]) && isClock(cells[1])) {
    return { date: 0, time: 1, open: 2, high: 3, low: 4, close: 5, volume: cells.length >= 7 ? 6 : -1 };
  }
  return { date: -1, time: 0, open: 1, high: 2, low: 3, close: 4, volume: cells.length >= 6 ? 5 : -1 };
}

function headerlessNames(columns: Columns): string {
  const names = columns.date >= 0 ? ['date', 'time'] : ['time'];
  names.push(...PRICE_ROLES);
  if (columns.volume >= 0) names.push('volume');
  return names.join(',');
}

/** The first separator, in {@link SEPARATORS} order, that splits the line into at least 5 fields. */
function chooseSeparator(text: string, line: TextLine): CsvSeparator {
  const starts = new Int32Array(5);
  const ends = new Int32Array(5);
  for (const separator of SEPARATORS) {
    if (scanFields(text, line.start, line.end, separator.charCodeAt(0), starts, ends, 5) === 5) return separator;
  }
  throw new CsvImportError(
    'UNKNOWN_LAYOUT',
    line.line,
    `cannot find 5 columns separated by ',', ';' or tab in "${shorten(text.slice(line.start, line.end))}"; ` +
      'the file needs time, open, high, low and close columns (volume optional)',
  );
}

/**
 * The decimal mark of a `;` or tab separated file: that of the first price or volume written with
 * one. Rows of whole numbers say nothing, so the scan goes on until a mark shows up.
 */
function findDecimalMark(text: string, data: TextLine, sep: number, columns: Columns): '.' | ',' {
  const numeric = [columns.open, columns.high, columns.low, columns.close, columns.volume].filter((c) => c >= 0);
  const size = Math.max(...numeric) + 1;
  const starts = new Int32Array(size);
  const ends = new Int32Array(size);
  let line: TextLine | undefined = data;
  while (line) {
    const count = scanFields(text, line.start, line.end, sep, starts, ends, size);
    for (const c of numeric) {
      if (c >= count) continue;
      for (let i = starts[c]!; i < ends[c]!; i++) {
        const code = text.charCodeAt(i);
        if (code === COMMA) return ',';
        if (code === DOT) return '.';
      }
    }
    line = nextNonBlankLine(text, line.next, line.line + 1);
  }
  return '.';
}

/**
 * MetaTrader 5 writes both <TICKVOL> and <VOL>; <VOL> is all zeros for FX and CFDs, where tick
 * volume is the only volume there is. Real volume wins whenever the first rows have any.
 */
function preferTickVolume(text: string, data: TextLine, sep: number, keys: string[], volume: number): number {
  const tick = Math.max(keys.indexOf('tickvol'), keys.indexOf('tickvolume'));
  if (volume < 0 || tick < 0 || tick === volume) return volume;
  const size = volume + 1;
  const starts = new Int32Array(size);
  const ends = new Int32Array(size);
  let line: TextLine | undefined = data;
  for (let n = 0; line && n < SAMPLE_ROWS; n++) {
    if (scanFields(text, line.start, line.end, sep, starts, ends, size) === size && !/^[+-]?[0.,]*$/.test(text.slice(starts[volume], ends[volume]))) return volume;
    line = nextNonBlankLine(text, line.next, line.line + 1);
  }
  return tick;
}

function fieldsOf(text: string, line: TextLine, sep: number): string[] {
  const starts = new Int32Array(MAX_HEADER_FIELDS);
  const ends = new Int32Array(MAX_HEADER_FIELDS);
  const count = scanFields(text, line.start, line.end, sep, starts, ends, MAX_HEADER_FIELDS);
  return Array.from({ length: count }, (_, i) => text.slice(starts[i], ends[i]));
}

/** The first line at or after `from` with content, or undefined at the end of the text. */
function nextNonBlankLine(text: string, from: number, line: number): TextLine | undefined {
  let start = from;
  let n = line;
  while (start < text.length) {
    let lineBreak = text.indexOf('\n', start);
    if (lineBreak < 0) lineBreak = text.length;
    const end = trimLineEnd(text, start, lineBreak);
    if (!isBlankLine(text, start, end)) return { start, end, next: lineBreak + 1, line: n };
    start = lineBreak + 1;
    n++;
  }
  return undefined;
}

/** "Adj Close" → "adjclose", "<TICKVOL>" → "tickvol", "Time (UTC)" → "time". */
function normaliseName(name: string): string {
  return name
    .replace(/\(.*\)/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function isDateOnly(cell: string | undefined): boolean {
  return cell !== undefined && !Number.isNaN(parseDate(cell, 0, cell.length));
}

function isClock(cell: string | undefined): boolean {
  return cell !== undefined && !Number.isNaN(parseClock(cell, 0, cell.length));
}

/** The format of the first row's time, for the layout description. */
function describeTime(time: string, date: string | undefined): string {
  if (date !== undefined) return `date ${datePattern(date)} + time ${clockPattern(time)}`;
  if (/^\d+$/.test(time)) {
    const unit = unixUnitMs(time.length);
    return unit === 1000 ? 'unix seconds' : unit === 1 ? 'unix milliseconds' : unit === 0.001 ? 'unix microseconds' : 'unix time of unclear unit';
  }
  const [datePart = '', clockPart] = time.split(/[Tt ]+/, 2);
  if (clockPart === undefined) return `date only ${datePattern(datePart)} (00:00 UTC)`;
  if (datePart.includes('-')) return 'ISO 8601';
  return `${datePattern(datePart)} ${clockPattern(clockPart)}`;
}

function datePattern(date: string): string {
  const m = /^\d{4}([-./])\d{1,2}\1\d{1,2}$/.exec(date);
  if (m) return `YYYY${m[1]}MM${m[1]}DD`;
  return /^\d{1,2}\.\d{1,2}\.\d{4}$/.test(date) ? 'DD.MM.YYYY' : 'unrecognised';
}

function clockPattern(clock: string): string {
  const m = /^\d{1,2}:\d{2}(:\d{2})?(\.\d+)?/.exec(clock);
  if (!m) return 'unrecognised';
  return `HH:MM${m[1] ? ':SS' : ''}${m[2] ? '.fff' : ''}${m[0].length < clock.length ? ' with offset' : ''}`;
}

function shorten(s: string): string {
  return s.length > 100 ? `${s.slice(0, 97)}...` : s;
}
