/**
 * Low-level scanning of CSV text by character code. Fields are reported as [start, end) offsets
 * into the original text so hot loops parse numbers in place instead of allocating substrings.
 */

const TAB = 9;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const COMMA = 44;
const SEMICOLON = 59;

/** End of the line starting at `from` whose line break is at `breakAt`, less CR and trailing spaces. */
export function trimLineEnd(text: string, from: number, breakAt: number): number {
  let end = breakAt;
  while (end > from) {
    const c = text.charCodeAt(end - 1);
    if (c !== CR && c !== SPACE) break;
    end--;
  }
  return end;
}

/** True for a line of nothing but spaces, separators and quotes (spreadsheets export empty rows as `,,,,`). */
export function isBlankLine(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== SPACE && c !== TAB && c !== COMMA && c !== SEMICOLON && c !== QUOTE) return false;
  }
  return true;
}

/**
 * Splits text[from, to) at the separator `sep` (a char code) into at most `max` fields, writing
 * their bounds to `starts`/`ends`, trimmed of spaces and of one pair of enclosing double quotes
 * (a quoted field may contain the separator). Returns how many fields were found, capped at `max`;
 * the empty field after a trailing separator is not counted.
 */
export function scanFields(text: string, from: number, to: number, sep: number, starts: Int32Array, ends: Int32Array, max: number): number {
  let count = 0;
  let i = from;
  while (count < max) {
    while (i < to && isPadding(text.charCodeAt(i), sep)) i++;
    let fieldStart = i;
    let fieldEnd: number;
    if (i < to && text.charCodeAt(i) === QUOTE) {
      fieldStart = i + 1;
      let close = text.indexOf('"', fieldStart);
      if (close < 0 || close > to) close = to;
      i = close + 1;
      while (i < to && text.charCodeAt(i) !== sep) i++;
      while (fieldStart < close && isPadding(text.charCodeAt(fieldStart), sep)) fieldStart++;
      fieldEnd = close;
    } else {
      while (i < to && text.charCodeAt(i) !== sep) i++;
      fieldEnd = i;
    }
    while (fieldEnd > fieldStart && isPadding(text.charCodeAt(fieldEnd - 1), sep)) fieldEnd--;
    starts[count] = fieldStart;
    ends[count] = fieldEnd;
    count++;
    // Past the separator, the end of the line means a trailing separator: no field follows it.
    if (i >= to || ++i >= to) break;
  }
  return count;
}

function isPadding(c: number, sep: number): boolean {
  return c === SPACE || (c === TAB && sep !== TAB);
}
