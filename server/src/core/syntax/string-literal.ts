/**
 * Reads one quoted string literal and decodes its escapes the way protobuf does (io/tokenizer.cc:
 * ConsumeString checks the escapes, ParseStringAppend decodes them), so `bytes` is what Caffe
 * would receive and every literal protobuf rejects carries a problem.
 */
import type { Span } from '../text/span';
import { ByteBuffer, decodeUtf8 } from './byte-buffer';

export type StringProblemKind =
  | 'unterminated-at-line-end'
  | 'unterminated-at-end-of-file'
  | 'invalid-escape'
  | 'hex-escape-without-digits'
  | 'short-unicode-escape'
  | 'bad-long-unicode-escape'
  | 'nul-character';

export interface StringProblem {
  kind: StringProblemKind;
  span: Span;
}

/** Shared by every literal without problems (most of them), so none allocates its own. */
const NO_PROBLEMS: readonly StringProblem[] = Object.freeze([]);

export interface StringScan {
  terminated: boolean;
  /**
   * The decoded bytes; undefined for a literal of plain ASCII (no escape, no NUL, nothing above
   * U+007F), whose bytes are its value's character codes. Most literals are plain, and a typed
   * array each would be most of the tree's memory.
   */
  bytes: Uint8Array | undefined;
  /** The bytes read as UTF-8. */
  value: string;
  problems: readonly StringProblem[];
}

const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** The single-character escapes protobuf accepts, mapped to the byte they stand for. */
const SIMPLE_ESCAPES: ReadonlyMap<number, number> = new Map(
  (
    [
      ['a', 0x07],
      ['b', 0x08],
      ['f', 0x0c],
      ['n', 0x0a],
      ['r', 0x0d],
      ['t', 0x09],
      ['v', 0x0b],
      ['\\', 0x5c],
      ['?', 0x3f],
      ["'", 0x27],
      ['"', 0x22],
    ] as const
  ).map(([ch, byte]) => [ch.charCodeAt(0), byte]),
);

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  return -1;
}

function isOctalDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x37;
}

function isHeadSurrogate(cp: number): boolean {
  return cp >= 0xd800 && cp <= 0xdbff;
}

function isTrailSurrogate(cp: number): boolean {
  return cp >= 0xdc00 && cp <= 0xdfff;
}

/** Reads exactly `count` hex digits at `from`; -1 when fewer are there. */
function readHex(text: string, from: number, end: number, count: number): number {
  if (from + count > end) return -1;
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = hexValue(text.charCodeAt(i));
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/** Counts the leading hex digits at `from` (at most `max`), to size the span of a short escape. */
function countHex(text: string, from: number, end: number, max: number): number {
  let n = 0;
  while (n < max && from + n < end && hexValue(text.charCodeAt(from + n)) >= 0) n++;
  return n;
}

/** protobuf's tokenizer accepts `\U` only as 00, then 0 or 1, then five hex digits (so up to 1FFFFF). */
function isAcceptedLongEscape(text: string, from: number, end: number): boolean {
  if (from + 8 > end) return false;
  if (text.charCodeAt(from) !== 0x30 || text.charCodeAt(from + 1) !== 0x30) return false;
  const third = text.charCodeAt(from + 2);
  if (third !== 0x30 && third !== 0x31) return false;
  return readHex(text, from + 3, end, 5) >= 0;
}

/** Where the literal ends: at its closing quote, or unterminated at a line break or the text end. */
function findEnd(text: string, start: number): { contentEnd: number; end: number; terminated: boolean } {
  const quote = text.charCodeAt(start);
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === quote) return { contentEnd: i, end: i + 1, terminated: true };
    if (c === NEWLINE) break;
    // An escape hides the next character (even a quote), but never a line break.
    if (c === BACKSLASH && i + 1 < text.length && text.charCodeAt(i + 1) !== NEWLINE) i += 2;
    else i++;
  }
  let end = Math.min(i, text.length);
  if (end > start + 1 && text.charCodeAt(end - 1) === CARRIAGE_RETURN && end < text.length) end--;
  return { contentEnd: end, end, terminated: false };
}

/** Appends one escape sequence starting at the backslash `at`; returns the offset after it. */
function decodeEscape(text: string, at: number, contentEnd: number, out: ByteBuffer, problems: StringProblem[]): number {
  const key = text.charCodeAt(at + 1);
  const simple = SIMPLE_ESCAPES.get(key);
  if (simple !== undefined) {
    out.push(simple);
    return at + 2;
  }
  if (isOctalDigit(key)) {
    let code = key - 0x30;
    let i = at + 2;
    for (let extra = 0; extra < 2 && i < contentEnd && isOctalDigit(text.charCodeAt(i)); extra++, i++) {
      code = code * 8 + (text.charCodeAt(i) - 0x30);
    }
    out.push(code); // protobuf keeps the low byte: \777 is 0xFF
    return i;
  }
  if (key === 0x78 /* x */) {
    const digits = countHex(text, at + 2, contentEnd, 2);
    if (digits === 0) {
      problems.push({ kind: 'hex-escape-without-digits', span: { start: at, end: at + 2 } });
      return at + 2;
    }
    out.push(readHex(text, at + 2, contentEnd, digits));
    return at + 2 + digits;
  }
  if (key === 0x75 /* u */ || key === 0x55 /* U */) return decodeUnicodeEscape(text, at, contentEnd, out, problems);
  problems.push({ kind: 'invalid-escape', span: { start: at, end: at + 2 } });
  return at + 1; // the character after the backslash is read as itself, as protobuf does
}

function decodeUnicodeEscape(
  text: string,
  at: number,
  contentEnd: number,
  out: ByteBuffer,
  problems: StringProblem[],
): number {
  const long = text.charCodeAt(at + 1) === 0x55;
  const digits = long ? 8 : 4;
  const valid = long ? isAcceptedLongEscape(text, at + 2, contentEnd) : readHex(text, at + 2, contentEnd, 4) >= 0;
  if (!valid) {
    const seen = countHex(text, at + 2, contentEnd, digits);
    problems.push({
      kind: long ? 'bad-long-unicode-escape' : 'short-unicode-escape',
      span: { start: at, end: at + 2 + seen },
    });
    return at + 2 + seen;
  }
  let codePoint = readHex(text, at + 2, contentEnd, digits);
  let next = at + 2 + digits;
  // A head surrogate followed by a \u trail surrogate is one UTF-16 pair; otherwise it stays alone.
  if (
    isHeadSurrogate(codePoint) &&
    text.charCodeAt(next) === BACKSLASH &&
    text.charCodeAt(next + 1) === 0x75 &&
    next + 2 < contentEnd
  ) {
    const trail = readHex(text, next + 2, contentEnd, 4);
    if (isTrailSurrogate(trail)) {
      codePoint = 0x10000 + ((codePoint - 0xd800) << 10) + (trail - 0xdc00);
      next += 6;
    }
  }
  if (codePoint > 0x10ffff) {
    // protobuf writes an out-of-range code point back as escape text: \U00110000 stays "\U00110000".
    out.pushAscii('\\U' + codePoint.toString(16).padStart(8, '0'));
  } else {
    out.pushUtf8(codePoint);
  }
  return next;
}

/** Appends the raw character at `i` (as the file saved in UTF-8 would hold it); returns the next offset. */
function appendRawCharacter(text: string, i: number, out: ByteBuffer): number {
  const c = text.charCodeAt(i);
  if (isHeadSurrogate(c) && isTrailSurrogate(text.charCodeAt(i + 1))) {
    out.pushUtf8(0x10000 + ((c - 0xd800) << 10) + (text.charCodeAt(i + 1) - 0xdc00));
    return i + 2;
  }
  // A lone surrogate cannot be saved as UTF-8; editors write U+FFFD instead.
  out.pushUtf8(isHeadSurrogate(c) || isTrailSurrogate(c) ? 0xfffd : c);
  return i + 1;
}

/**
 * Offset just past the literal whose opening quote is at `start`: past its closing quote, or at
 * the end of its line (before a \r\n) when it is not closed.
 */
export function stringLiteralEnd(text: string, start: number): number {
  return findEnd(text, start).end;
}

/** Decodes the literal whose opening quote is at `start` (the caller checked it is ' or "). */
export function scanStringLiteral(text: string, start: number): StringScan {
  const { contentEnd, end, terminated } = findEnd(text, start);
  const problems: StringProblem[] = [];
  const contentStart = start + 1;

  let plainAscii = true;
  for (let i = contentStart; i < contentEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH || c === 0 || c >= 0x80) {
      plainAscii = false;
      break;
    }
  }

  let bytes: Uint8Array | undefined;
  let value: string;
  if (plainAscii) {
    value = text.slice(contentStart, contentEnd);
  } else {
    const out = new ByteBuffer();
    let i = contentStart;
    while (i < contentEnd) {
      const c = text.charCodeAt(i);
      if (c === BACKSLASH) {
        // A backslash right before the line end or text end: the unterminated literal is the problem.
        if (i + 1 >= contentEnd) break;
        i = decodeEscape(text, i, contentEnd, out, problems);
      } else {
        if (c === 0) problems.push({ kind: 'nul-character', span: { start: i, end: i + 1 } });
        i = appendRawCharacter(text, i, out);
      }
    }
    bytes = out.toBytes();
    value = decodeUtf8(bytes);
  }

  if (!terminated) {
    const kind = end >= text.length ? 'unterminated-at-end-of-file' : 'unterminated-at-line-end';
    problems.unshift({ kind, span: { start, end } });
  }
  return { terminated, bytes, value, problems: problems.length > 0 ? problems : NO_PROBLEMS };
}
