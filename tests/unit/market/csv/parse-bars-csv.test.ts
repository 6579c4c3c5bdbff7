import { describe, expect, it } from 'vitest';
import { type Bar } from '../../../../src/shared/market/bar';
import { CsvImportError, MAX_CSV_BARS, parseBarsCsv, type ParseBarsOptions } from '../../../../src/shared/market/csv/parse-bars-csv';
import { bucketStart, TIMEFRAME_MS, TIMEFRAMES, type Timeframe } from '../../../../src/shared/market/timeframes';

const NOW = Date.UTC(2030, 0, 1);

function options(timeframe: Timeframe = '1m', now = NOW): ParseBarsOptions {
  return { timeframe, now };
}

/** A bar starting at `iso` (UTC unless it says otherwise). */
function bar(iso: string, open: number, high: number, low: number, close: number, volume = 0): Bar {
  return { time: Date.parse(/Z|[+-]\d\d:\d\d$/.test(iso) ? iso : `${iso}Z`), open, high, low, close, volume };
}

function importError(text: string, opts: ParseBarsOptions = options()): CsvImportError {
  try {
    parseBarsCsv(text, opts);
  } catch (error) {
    if (error instanceof CsvImportError) return error;
    throw error;
  }
  throw new Error('expected parseBarsCsv to refuse the file');
}

/** `count` consecutive valid 1m rows from 2024-01-02 00:00 as `time,open,high,low,close,volume`. */
function minuteRows(count: number, from = Date.UTC(2024, 0, 2)): string[] {
  return Array.from({ length: count }, (_, i) => `${new Date(from + i * 60_000).toISOString()},100,101,99,100.5,10`);
}

describe('parseBarsCsv layouts', () => {
  it('reads a comma separated file with a header and ISO 8601 times', () => {
    const csv = 'time,open,high,low,close,volume\n2024-01-02T13:45:00Z,1.1,1.2,1.0,1.15,123\n2024-01-02T13:46:00Z,1.15,1.25,1.1,1.2,45.5\n';
    expect(parseBarsCsv(csv, options())).toEqual({
      bars: [bar('2024-01-02T13:45', 1.1, 1.2, 1.0, 1.15, 123), bar('2024-01-02T13:46', 1.15, 1.25, 1.1, 1.2, 45.5)],
      layout: "header: time,open,high,low,close,volume; separator ','; time: ISO 8601",
    });
  });

  it('reads a semicolon separated European export with decimal commas, a BOM and CRLF line ends', () => {
    const csv = '\uFEFFDate;Open;High;Low;Close;Volume\r\n2024-01-02;1,0853;1,0870;1,0840;1,0861;1500\r\n2024-01-03;1,0861;1,09;1,085;1,0899;1200,5\r\n';
    expect(parseBarsCsv(csv, options('1D'))).toEqual({
      bars: [bar('2024-01-02T00:00', 1.0853, 1.087, 1.084, 1.0861, 1500), bar('2024-01-03T00:00', 1.0861, 1.09, 1.085, 1.0899, 1200.5)],
      layout: "header: Date,Open,High,Low,Close,Volume; separator ';'; decimal ','; time: date only YYYY-MM-DD (00:00 UTC)",
    });
  });

  it('reads a tab separated file with decimal commas', () => {
    const csv = 'time\topen\thigh\tlow\tclose\n2024-01-02 13:45\t1,5\t2\t1\t1,75\n';
    expect(parseBarsCsv(csv, options()).bars).toEqual([bar('2024-01-02T13:45', 1.5, 2, 1, 1.75)]);
  });

  it('reads a MetaTrader 5 export with <DATE> and <TIME> columns, taking tick volume when <VOL> is empty', () => {
    const csv = [
      '<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>',
      '2024.01.02\t13:45:00\t1.10370\t1.10390\t1.10350\t1.10380\t120\t0\t5',
      '2024.01.02\t13:50:00\t1.10380\t1.10400\t1.10300\t1.10310\t98\t0\t5',
    ].join('\r\n');
    expect(parseBarsCsv(csv, options('5m'))).toEqual({
      bars: [bar('2024-01-02T13:45', 1.1037, 1.1039, 1.1035, 1.1038, 120), bar('2024-01-02T13:50', 1.1038, 1.104, 1.103, 1.1031, 98)],
      layout: "header: <DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<TICKVOL>; separator tab; time: date YYYY.MM.DD + time HH:MM:SS; ignored: <VOL>, <SPREAD>",
    });
  });

  it('takes real volume over tick volume when the file has it', () => {
    const csv = '<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<TICKVOL>,<VOL>\n2024.01.02,13:45,10,11,9,10,120,5000\n';
    expect(parseBarsCsv(csv, options()).bars).toEqual([bar('2024-01-02T13:45', 10, 11, 9, 10, 5000)]);
  });

  it('reads the headerless MetaTrader 4 form date,time,open,high,low,close,volume', () => {
    const csv = '2024.01.02,13:45,1.1,1.2,1.0,1.15,123\n2024.01.02,13:46,1.15,1.16,1.14,1.14,7\n';
    expect(parseBarsCsv(csv, options())).toEqual({
      bars: [bar('2024-01-02T13:45', 1.1, 1.2, 1.0, 1.15, 123), bar('2024-01-02T13:46', 1.15, 1.16, 1.14, 1.14, 7)],
      layout: "no header (MetaTrader): date,time,open,high,low,close,volume; separator ','; time: date YYYY.MM.DD + time HH:MM",
    });
  });

  it('reads headerless 6-column rows time,open,high,low,close,volume in unix seconds', () => {
    const csv = '1704203100,1.1,1.2,1.0,1.15,123\n1704203160,1.15,1.16,1.14,1.14,0\n';
    expect(parseBarsCsv(csv, options())).toEqual({
      bars: [bar('2024-01-02T13:45', 1.1, 1.2, 1.0, 1.15, 123), bar('2024-01-02T13:46', 1.15, 1.16, 1.14, 1.14, 0)],
      layout: "no header: time,open,high,low,close,volume; separator ','; time: unix seconds",
    });
  });

  it('reads headerless 5-column rows without volume in unix milliseconds, with volume 0', () => {
    const csv = '1704203100000,1.1,1.2,1.0,1.15\n';
    expect(parseBarsCsv(csv, options())).toEqual({
      bars: [bar('2024-01-02T13:45', 1.1, 1.2, 1.0, 1.15, 0)],
      layout: "no header: time,open,high,low,close; separator ','; time: unix milliseconds; no volume column (volume 0)",
    });
  });

  it('reads a headerless Binance kline file by its first six columns', () => {
    const csv = '1704203100000000,42000.1,42100,41900.5,42050,12.5,1704203159999999,525000.1,1200,6.1,256000.2,0\n';
    expect(parseBarsCsv(csv, options())).toEqual({
      bars: [bar('2024-01-02T13:45', 42000.1, 42100, 41900.5, 42050, 12.5)],
      layout: "no header: time,open,high,low,close,volume; separator ','; time: unix microseconds; ignored: 6 extra columns",
    });
  });

  it.each([
    ['2024-01-02T13:45:00Z', '2024-01-02T13:45Z'],
    ['2024-01-02T13:45:00.000Z', '2024-01-02T13:45Z'],
    ['2024-01-02T13:45:00', '2024-01-02T13:45Z'],
    ['2024-01-02 13:45:00', '2024-01-02T13:45Z'],
    ['2024-01-02 13:45', '2024-01-02T13:45Z'],
    ['2024-01-02T13:45:00+02:00', '2024-01-02T11:45Z'],
    ['2024-01-02T13:45:00-0530', '2024-01-02T19:15Z'],
    ['2024-01-02T01:45:00+03', '2024-01-01T22:45Z'],
    ['2024-01-02', '2024-01-02T00:00Z'],
    ['2024/01/02', '2024-01-02T00:00Z'],
    ['2024.01.02', '2024-01-02T00:00Z'],
    ['2024-1-2 9:05', '2024-01-02T09:05Z'],
    ['02.01.2024 13:45:00.000', '2024-01-02T13:45Z'],
    ['1704203100', '2024-01-02T13:45Z'],
    ['1704203100000', '2024-01-02T13:45Z'],
    ['946684800', '2000-01-01T00:00Z'],
    ['2024-02-29 00:00', '2024-02-29T00:00Z'],
  ])('reads the time %s as %s', (field, expected) => {
    const { bars } = parseBarsCsv(`time,open,high,low,close\n${field},1,2,0.5,1.5\n`, options());
    expect(new Date(bars[0]!.time).toISOString()).toBe(new Date(expected).toISOString());
  });

  it('ignores blank lines, empty spreadsheet rows, quotes, padding and trailing separators', () => {
    const csv = '\n"time", "open" ,"high","low","close","volume",\n\n2024-01-02 13:45,"1.1", 1.2 ,1.0,1.15,123,\n,,,,,,\n   \n2024-01-02 13:46,1.15,1.16,1.14,1.14,7,\n\n';
    expect(parseBarsCsv(csv, options()).bars).toEqual([bar('2024-01-02T13:45', 1.1, 1.2, 1.0, 1.15, 123), bar('2024-01-02T13:46', 1.15, 1.16, 1.14, 1.14, 7)]);
  });

  it('reads classic Mac line ends (CR only), counting lines by them', () => {
    const csv = 'time,open,high,low,close\r2024-01-02 13:45,1,2,0.5,1.5\r\r2024-01-02 13:46,1,2,0.5,1.5\r';
    expect(parseBarsCsv(csv, options()).bars).toEqual([bar('2024-01-02T13:45', 1, 2, 0.5, 1.5), bar('2024-01-02T13:46', 1, 2, 0.5, 1.5)]);
    expect(importError('time,open,high,low,close\r2024-01-02 13:45,1,2,0.5,1.5\r\r2024-01-02 13:45,1,2,0.5,1.5\r')).toMatchObject({ line: 4, code: 'NOT_ASCENDING' });
  });

  it('reads the last line without a line break', () => {
    expect(parseBarsCsv('time,open,high,low,close\r\n2024-01-02 13:45,1,2,0.5,1.5', options()).bars).toHaveLength(1);
  });

  it.each(['0.1234567890123456789', '123456789012345678901', '1.5E-7', '1.5e+3', '+2', '.5', '7.'])('reads the price %s exactly as Number() does', (price) => {
    const { bars } = parseBarsCsv(`time,open,high,low,close\n2024-01-02 13:45,${price},${price},${price},${price}\n`, options());
    expect(bars[0]!.open).toBe(Number(price));
  });

  it('takes "close" over "adj close" and lists the columns it ignored', () => {
    const csv = 'Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,187.15,188.44,183.89,185.64,184.73,82488700\n';
    expect(parseBarsCsv(csv, options('1D'))).toEqual({
      bars: [bar('2024-01-02T00:00', 187.15, 188.44, 183.89, 185.64, 82488700)],
      layout: "header: Date,Open,High,Low,Close,Volume; separator ','; time: date only YYYY-MM-DD (00:00 UTC); ignored: Adj Close",
    });
  });

  it('takes close over adj close whichever comes first', () => {
    const csv = 'Date,Adj Close,Open,High,Low,Close\n2024-01-02,1,187.15,188.44,183.89,185.64\n';
    expect(parseBarsCsv(csv, options('1D')).bars[0]!.close).toBe(185.64);
  });

  it.each([
    ['Timestamp,O,H,L,C,Vol', '1704203100'],
    ['Open time,Open,High,Low,Close,Volume,Close time', '1704203100000'],
    ['unix,date,symbol,open,high,low,last,tickvol', '1704203100000'],
    ['Gmt time,Open,High,Low,Close,Tick Volume', '02.01.2024 13:45:00.000'],
    ['DateTime,Open,High,Low,Price,V', '2024-01-02 13:45'],
    ['Time (UTC),open,high,low,close,Volume (BTC)', '2024-01-02 13:45'],
  ])('recognises the header %s', (header, time) => {
    const columns = header.split(',').length;
    const values = ['1', '2', '0.5', '1.5', '9'];
    // Put the time in the time column and prices in order in the named ones; fill the rest.
    const names = header.split(',').map((n) => n.toLowerCase());
    const row = names.map((name) => {
      if (/^(timestamp|open time|unix|gmt time|datetime|time \(utc\))$/.test(name)) return time;
      if (name === 'date') return 'ignored';
      if (name === 'symbol') return 'BTCUSDT';
      if (name === 'close time') return '0';
      return values.shift() ?? '0';
    });
    expect(row).toHaveLength(columns);
    expect(parseBarsCsv(`${header}\n${row.join(',')}\n`, options()).bars).toEqual([bar('2024-01-02T13:45', 1, 2, 0.5, 1.5, 9)]);
  });
});

describe('parseBarsCsv validation', () => {
  it('refuses an empty file, a blank file and a header without rows with "no bars found" on line 0', () => {
    for (const csv of ['', '\uFEFF', '\n\r\n  \n', 'time,open,high,low,close,volume\n\n']) {
      const error = importError(csv);
      expect(error).toMatchObject({ line: 0, code: 'NO_BARS' });
      expect(error.message).toMatch(/^No bars found/);
    }
  });

  it('refuses a header that lacks a price column, naming it', () => {
    const error = importError('Date,Open,Low,Close,Volume\n2024-01-02,1,1,1,1\n');
    expect(error).toMatchObject({ line: 1, column: 'high', code: 'UNKNOWN_LAYOUT' });
    expect(error.message).toBe(
      'Line 1: the header has no "high" column (found: Date, Open, Low, Close, Volume); rename the columns to time, open, high, low, close and volume',
    );
  });

  it('refuses a first line it cannot recognise as a header or as data', () => {
    expect(importError('\nfoo,bar,baz,qux,quux\n1,2,3,4,5\n')).toMatchObject({ line: 2, code: 'UNKNOWN_LAYOUT' });
    expect(importError('2024-01-02 13:45 1 2 0.5 1.5\n')).toMatchObject({ line: 1, code: 'UNKNOWN_LAYOUT', message: expect.stringContaining("separated by ',', ';' or tab") });
  });

  it('refuses a row with missing fields, naming them', () => {
    const csv = 'time,open,high,low,close,volume\r\n\r\n2024-01-02 13:45,1,2,0.5,1.5,3\r\n2024-01-02 13:46,1,2,0.5\r\n';
    const error = importError(csv);
    expect(error).toMatchObject({ line: 4, column: 'close', code: 'MISSING_FIELD' });
    expect(error.message).toBe('Line 4: the row has 4 fields but needs 6: close and volume are missing');
  });

  it('refuses an empty price or time field', () => {
    expect(importError('time,open,high,low,close\n2024-01-02 13:45,,2,0.5,1.5\n')).toMatchObject({ line: 2, column: 'open', message: 'Line 2: open is empty' });
    expect(importError('time,open,high,low,close\n"",1,2,0.5,1.5\n')).toMatchObject({ line: 2, column: 'time', message: 'Line 2: time is empty' });
  });

  it.each([
    ['abc', 'Line 3: open "abc" is not a number'],
    ['NaN', 'Line 3: open "NaN" is not a number'],
    ['Infinity', 'Line 3: open "Infinity" is not a number'],
    ['0x10', 'Line 3: open "0x10" is not a number'],
    ['1.2.3', 'Line 3: open "1.2.3" is not a number'],
    ['1e999', 'Line 3: open 1e999 is too large to be a real price'],
    ['0', 'Line 3: open 0 must be above zero'],
    ['-1.5', 'Line 3: open -1.5 must be above zero'],
  ])('refuses the open price %s', (open, message) => {
    const error = importError(`time,open,high,low,close\n2024-01-02 13:44,1,2,0.5,1.5\n2024-01-02 13:45,${open},2,0.5,1.5\n`);
    expect(error).toMatchObject({ line: 3, column: 'open', code: 'BAD_NUMBER', message });
  });

  it('refuses a negative volume', () => {
    const error = importError('time,open,high,low,close,volume\n2024-01-02 13:45,1,2,0.5,1.5,-5\n');
    expect(error).toMatchObject({ line: 2, column: 'volume', code: 'BAD_NUMBER', message: 'Line 2: volume -5 cannot be negative' });
  });

  it('refuses thousands separators that make a number ambiguous', () => {
    expect(importError('time,open,high,low,close\n2024-01-02 13:45,"1,234.5",1300,1200,1250\n').message).toBe(
      `Line 2: open "1,234.5": cannot tell whether ',' is a thousands or a decimal separator (this file uses '.' for decimals); remove thousands separators`,
    );
    expect(importError('time;open;high;low;close\n2024-01-02 13:45;1,5;2;1;1,5\n2024-01-02 13:46;1.234,5;1300;1200;1250\n')).toMatchObject({
      line: 3,
      column: 'open',
      message: expect.stringContaining("cannot tell whether '.' is a thousands or a decimal separator (this file uses ',' for decimals)"),
    });
    // The first number with a mark decides; a later one that disagrees is refused.
    expect(importError('time;open;high;low;close\n2024-01-02 13:45;1.5;2;1;1.5\n2024-01-02 13:46;1,5;2;1;1,5\n')).toMatchObject({ line: 3, column: 'open', code: 'BAD_NUMBER' });
  });

  it('refuses numbers grouped with spaces or apostrophes', () => {
    expect(importError('time;open;high;low;close\n2024-01-02 13:45;1 234,5;1300;1200;1250\n').message).toBe(
      `Line 2: open "1 234,5" has thousands separators; remove them (this file uses ',' for decimals)`,
    );
    expect(importError("time,open,high,low,close\n2024-01-02 13:45,1'234.5,1300,1200,1250\n")).toMatchObject({ line: 2, column: 'open', code: 'BAD_NUMBER' });
  });

  it('finds the decimal comma of a semicolon file even after many rows of whole numbers', () => {
    const rows = Array.from({ length: 200 }, (_, i) => `${new Date(Date.UTC(2024, 0, 2) + i * 60_000).toISOString()};100;101;99;100;5`);
    rows.push('2024-01-02T03:20:00Z;100,5;101;99;100,25;5');
    const { bars } = parseBarsCsv(`time;open;high;low;close;volume\n${rows.join('\n')}\n`, options());
    expect(bars.at(-1)).toEqual(bar('2024-01-02T03:20', 100.5, 101, 99, 100.25, 5));
  });

  it('refuses a high below close, naming both as written', () => {
    const rows = minuteRows(15);
    rows.push('2024-01-02T00:15:00Z,101.0,101.5,100.5,102.0,10');
    const error = importError(`time,open,high,low,close,volume\n${rows.join('\n')}\n`);
    expect(error).toMatchObject({ line: 17, column: 'high', code: 'OHLC_INCONSISTENT', message: 'Line 17: high 101.5 is below close 102.0' });
  });

  it.each([
    ['5,4,3,4.5', 'Line 2: high 4 is below open 5'],
    ['4,4.5,3,5', 'Line 2: high 4.5 is below close 5'],
    ['4,3,3.5,3.2', 'Line 2: high 3 is below open 4'],
    ['4,5,4.5,4.8', 'Line 2: low 4.5 is above open 4'],
    ['4.8,5,4.5,4', 'Line 2: low 4.5 is above close 4'],
  ])('checks OHLC consistency of %s', (ohlc, message) => {
    expect(importError(`time,open,high,low,close\n2024-01-02 13:45,${ohlc}\n`)).toMatchObject({ code: 'OHLC_INCONSISTENT', message });
  });

  it('accepts a flat bar where all four prices are equal', () => {
    expect(parseBarsCsv('time,open,high,low,close\n2024-01-02 13:45,1,1,1,1\n', options()).bars).toEqual([bar('2024-01-02T13:45', 1, 1, 1, 1)]);
  });

  it('refuses rows out of order and duplicates', () => {
    const rows = minuteRows(6, Date.UTC(2024, 0, 2, 13, 40));
    rows.push('2024-01-02 13:44,1,2,0.5,1.5,1');
    const error = importError(`time,open,high,low,close,volume\n\n${rows.join('\n')}\n`);
    expect(error).toMatchObject({ line: 9, column: 'time', code: 'NOT_ASCENDING' });
    expect(error.message).toBe('Line 9: 2024-01-02 13:44 is not after the previous bar 2024-01-02 13:45 (rows must be sorted by time, without duplicates)');
    const duplicate = importError('time,open,high,low,close\n2024-01-02 13:45,1,2,0.5,1.5\n2024-01-02 13:45,1,2,0.5,1.5\n');
    expect(duplicate.message).toBe('Line 3: 2024-01-02 13:45 is not after the previous bar 2024-01-02 13:45 (rows must be sorted by time, without duplicates)');
  });

  it('refuses a bar that starts after now, and accepts one that starts at now', () => {
    const rows = Array.from({ length: 38 }, (_, i) => `${new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)},1,2,0.5,1.5`);
    rows.push('2031-01-01,1,2,0.5,1.5');
    const error = importError(`date,open,high,low,close\n${rows.join('\n')}\n`, options('1D'));
    expect(error).toMatchObject({ line: 40, column: 'time', code: 'FUTURE_BAR' });
    expect(error.message).toMatch(/^Line 40: 2031-01-01 00:00 is in the future/);
    expect(parseBarsCsv('date,open,high,low,close\n2030-01-01,1,2,0.5,1.5\n', options('1D')).bars).toHaveLength(1);
  });

  it('refuses a bar that is not on a boundary of the timeframe', () => {
    const csv = 'time,open,high,low,close\n2024-01-02 13:30,1,2,0.5,1.5\n2024-01-02 13:35,1,2,0.5,1.5\n2024-01-02 13:40,1,2,0.5,1.5\n2024-01-02 13:47,1,2,0.5,1.5\n';
    const error = importError(csv, options('5m'));
    expect(error).toMatchObject({ line: 5, column: 'time', code: 'MISALIGNED' });
    expect(error.message).toMatch(/^Line 5: 13:47 is not on a 5m boundary/);
    expect(importError('time,open,high,low,close\n2024-01-02 13:00,1,2,0.5,1.5\n', options('4h')).message).toMatch(/^Line 2: 13:00 is not on a 4h boundary/);
    expect(importError('time,open,high,low,close\n2024-01-02 13:00:07.5,1,2,0.5,1.5\n', options('1s')).message).toMatch(/^Line 2: 13:00:07.500 is not on a 1s boundary/);
  });

  it.each([
    ['2024-13-45', 'Line 3: cannot read "2024-13-45" as a date/time'],
    ['2023-02-29', 'Line 3: cannot read "2023-02-29" as a date/time'],
    ['2024-01-02 24:00', 'Line 3: cannot read "2024-01-02 24:00" as a date/time'],
    ['2024-01-02T13:45:00+25:00', 'Line 3: cannot read "2024-01-02T13:45:00+25:00" as a date/time'],
    ['yesterday', 'Line 3: cannot read "yesterday" as a date/time'],
    ['01/02/2024', 'Line 3: cannot read "01/02/2024" as a date/time: day and month could be either way round'],
    ['20240102', 'Line 3: cannot tell the unit of the unix time 20240102 (8 digits)'],
    ['17042031000', 'Line 3: cannot tell the unit of the unix time 17042031000 (11 digits)'],
  ])('refuses the time %s', (time, message) => {
    const error = importError(`time,open,high,low,close\n2000-01-01 00:00,1,2,0.5,1.5\n${time},1,2,0.5,1.5\n`);
    expect(error).toMatchObject({ line: 3, column: 'time', code: 'BAD_TIME' });
    expect(error.message.startsWith(message)).toBe(true);
  });

  it('names the date column when the date of a MetaTrader row is wrong', () => {
    const error = importError('2024.01.02,13:45,1,2,0.5,1.5,1\n2024.02.30,13:45,1,2,0.5,1.5,1\n');
    expect(error).toMatchObject({ line: 2, column: 'date', code: 'BAD_TIME' });
    expect(error.message).toMatch(/^Line 2: cannot read "2024.02.30 13:45" as a date\/time/);
  });

  it(`refuses a file of more than ${MAX_CSV_BARS} rows before reading them`, () => {
    const error = importError('1,1,1,1,1\n'.repeat(MAX_CSV_BARS + 1));
    expect(error).toMatchObject({ line: 0, code: 'TOO_MANY_BARS' });
    expect(error.message).toMatch(/more than 5,000,000 bars/);
  });
});

describe('parseBarsCsv options', () => {
  it('refuses a now that is not a time, rather than accepting every bar', () => {
    expect(() => parseBarsCsv('time,open,high,low,close\n2024-01-02 13:45,1,2,0.5,1.5\n', options('1m', Number.NaN))).toThrow(RangeError);
  });
});

describe('parseBarsCsv on large input', () => {
  it('parses 200,000 rows', () => {
    const start = Date.UTC(2020, 0, 1);
    const lines = ['time,open,high,low,close,volume'];
    for (let i = 0; i < 200_000; i++) lines.push(`${(start + i * 60_000) / 1000},${100 + (i % 50)},${101 + (i % 50)},${99 + (i % 50)},${100.5 + (i % 50)},${i}`);
    const { bars } = parseBarsCsv(lines.join('\n'), options());
    expect(bars).toHaveLength(200_000);
    expect(bars[0]).toEqual({ time: start, open: 100, high: 101, low: 99, close: 100.5, volume: 0 });
    expect(bars[123_457]).toEqual({ time: start + 123_457 * 60_000, open: 107, high: 108, low: 106, close: 107.5, volume: 123_457 });
    expect(bars[199_999]!.time).toBe(start + 199_999 * 60_000);
  });
});

describe('parseBarsCsv round trip', () => {
  /** Deterministic PRNG (mulberry32), so a failure names a seed that reproduces it. */
  function random(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
  }

  function randomBars(rand: () => number, timeframe: Timeframe): Bar[] {
    const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
    const size = TIMEFRAME_MS[timeframe];
    let time = bucketStart(Date.UTC(2000, 0, 1) + Math.floor(rand() * 26 * 365 * 86_400_000), timeframe);
    const scale = 10 ** int(-7, 5);
    const decimals = int(0, 10);
    const price = (x: number): number => Math.max(Number(x.toFixed(decimals)), 10 ** -decimals);
    return Array.from({ length: int(1, 300) }, () => {
      time += size * int(1, 4);
      const open = price(scale * (0.5 + rand()));
      const close = price(scale * (0.5 + rand()));
      const high = Math.max(open, close, price(Math.max(open, close) * (1 + rand() * 0.05)));
      const low = Math.min(open, close, price(Math.min(open, close) * (1 - rand() * 0.05)));
      const volume = rand() < 0.2 ? 0 : Number((rand() * 1e6).toFixed(int(0, 4)));
      return { time, open, high, low, close, volume };
    });
  }

  const pad = (n: number): string => String(n).padStart(2, '0');
  const layouts: Record<string, (bars: Bar[]) => string> = {
    'header, comma, ISO 8601': (bars) =>
      ['time,open,high,low,close,volume', ...bars.map((b) => `${new Date(b.time).toISOString().slice(0, 19)}Z,${b.open},${b.high},${b.low},${b.close},${b.volume}`)].join('\n'),
    'headerless, semicolon, decimal comma, unix milliseconds, CRLF': (bars) =>
      bars.map((b) => [b.time, b.open, b.high, b.low, b.close, b.volume].map((n) => String(n).replace('.', ',')).join(';') + ';').join('\r\n'),
    'MetaTrader 5, tab': (bars) =>
      [
        '<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>',
        ...bars.map((b) => {
          const d = new Date(b.time);
          const date = `${d.getUTCFullYear()}.${pad(d.getUTCMonth() + 1)}.${pad(d.getUTCDate())}`;
          const clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
          return [date, clock, b.open, b.high, b.low, b.close, b.volume, 0, 12].join('\t');
        }),
      ].join('\n'),
    'headerless, comma, unix seconds': (bars) => bars.map((b) => `${b.time / 1000},"${b.open}",${b.high},${b.low},${b.close},${b.volume}`).join('\n') + '\n',
  };

  it.each(Object.keys(layouts))('gives back the bars it was given in the layout "%s"', (name) => {
    const serialise = layouts[name]!;
    for (let seed = 1; seed <= 60; seed++) {
      const rand = random(seed);
      const timeframe = TIMEFRAMES[Math.floor(rand() * TIMEFRAMES.length)]!;
      const bars = randomBars(rand, timeframe);
      const parsed = parseBarsCsv(serialise(bars), options(timeframe));
      expect(parsed.bars, `seed ${seed}`).toEqual(bars);
    }
  });
});
