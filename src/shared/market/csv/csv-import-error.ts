/**
 * Why a CSV import was refused. Stable: callers branch on the code, never on the message.
 * - `NO_BARS`: the file has no data rows.
 * - `TOO_MANY_BARS`: the file has more rows than {@link MAX_CSV_BARS}.
 * - `UNKNOWN_LAYOUT`: the columns or separator could not be recognised.
 * - `MISSING_FIELD`: a row has fewer fields than the layout needs.
 * - `BAD_TIME`: a time cannot be read, or its unit is ambiguous.
 * - `BAD_NUMBER`: a price or volume is not a number, not finite, or out of range.
 * - `OHLC_INCONSISTENT`: high or low does not enclose the other prices.
 * - `NOT_ASCENDING`: a bar is not after the previous one (unsorted or duplicate).
 * - `FUTURE_BAR`: a bar starts after the import's `now`.
 * - `MISALIGNED`: a bar does not start on a boundary of the chosen timeframe.
 */
export type CsvImportErrorCode =
  | 'NO_BARS'
  | 'TOO_MANY_BARS'
  | 'UNKNOWN_LAYOUT'
  | 'MISSING_FIELD'
  | 'BAD_TIME'
  | 'BAD_NUMBER'
  | 'OHLC_INCONSISTENT'
  | 'NOT_ASCENDING'
  | 'FUTURE_BAR'
  | 'MISALIGNED';

/** Most data rows one import accepts; more is almost always tick data or the wrong file. */
export const MAX_CSV_BARS = 5_000_000;

/** The first problem found in a bar CSV; the message starts with `Line N:` when a line is at fault. */
export class CsvImportError extends Error {
  /** Stable reason, see {@link CsvImportErrorCode}. */
  readonly code: CsvImportErrorCode;
  /** 1-based line in the file (blank lines count), or 0 when the file as a whole is at fault. */
  readonly line: number;
  /** The column at fault: `time`, `date`, `open`, `high`, `low`, `close` or `volume`. */
  readonly column?: string;

  constructor(code: CsvImportErrorCode, line: number, detail: string, column?: string) {
    super(line > 0 ? `Line ${line}: ${detail}` : detail);
    this.name = 'CsvImportError';
    this.code = code;
    this.line = line;
    if (column !== undefined) this.column = column;
  }
}

/** The file has no data rows. */
export function noBarsError(): CsvImportError {
  return new CsvImportError('NO_BARS', 0, 'No bars found: the file is empty or has only a header row.');
}
