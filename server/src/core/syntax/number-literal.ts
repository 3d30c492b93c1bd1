/**
 * Reads one number token the way protobuf's tokenizer does (io/tokenizer.cc, ConsumeNumber), so a
 * token is a number, and is broken, exactly when Caffe's parser says so.
 */
import type { NumberNode } from './ast';

export type NumberForm = NumberNode['form'];

/** Why a number token is not valid; each kind maps to protobuf's own error sentence. */
export type NumberProblem =
  | 'hex-without-digits'
  | 'leading-zero-not-octal'
  | 'exponent-without-digits'
  | 'second-decimal-point'
  | 'fraction-in-hex-or-octal'
  | 'letter-after-number'
  | 'identifier-before-decimal-point';

export interface NumberScan {
  /** Offset just past the token. A broken token also covers the letters, digits and dots glued to it. */
  end: number;
  form: NumberForm;
  problem?: NumberProblem;
}

const DOT = 0x2e;
const ZERO = 0x30;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isOctalDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x37;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** protobuf's `Letter` class: ASCII letters and the underscore. */
export function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

function isIdentifierCharacter(c: number): boolean {
  return isLetter(c) || isDigit(c);
}

function skipWhile(text: string, from: number, test: (c: number) => boolean): number {
  let i = from;
  while (i < text.length && test(text.charCodeAt(i))) i++;
  return i;
}

/** Letters, digits and dots stuck to a broken number are part of the same mistake (`10px`, `1.2.3`). */
function isNumberDebris(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === DOT;
}

/**
 * Scans a number starting at `start`, or returns undefined when no number starts there (a `.` not
 * followed by a digit is the dot symbol, not a number).
 */
export function scanNumber(text: string, start: number): NumberScan | undefined {
  const first = text.charCodeAt(start);
  const startedWithDot = first === DOT;
  if (startedWithDot ? !isDigit(text.charCodeAt(start + 1)) : !isDigit(first)) return undefined;

  let i = start + 1;
  let form: NumberForm;
  let problem: NumberProblem | undefined;
  // protobuf refuses `blah.123`: a name with a fraction glued to it. Only a name's last character
  // can stand right before such a dot (a number would have taken the dot itself).
  if (startedWithDot && start > 0 && isIdentifierCharacter(text.charCodeAt(start - 1))) {
    problem = 'identifier-before-decimal-point';
  }
  const afterFirst = text.charCodeAt(i);

  if (first === ZERO && (afterFirst === 0x78 /* x */ || afterFirst === 0x58 /* X */)) {
    form = 'hex';
    const digitsStart = i + 1;
    i = skipWhile(text, digitsStart, isHexDigit);
    if (i === digitsStart) problem = 'hex-without-digits';
  } else if (first === ZERO && isDigit(afterFirst)) {
    form = 'octal';
    i = skipWhile(text, i, isOctalDigit);
    if (isDigit(text.charCodeAt(i))) {
      problem = 'leading-zero-not-octal';
      i = skipWhile(text, i, isDigit);
    }
  } else {
    form = startedWithDot ? 'float' : 'decimal';
    i = skipWhile(text, i, isDigit);
    if (!startedWithDot && text.charCodeAt(i) === DOT) {
      form = 'float';
      i = skipWhile(text, i + 1, isDigit);
    }
    const e = text.charCodeAt(i);
    if (e === 0x65 /* e */ || e === 0x45 /* E */) {
      form = 'float';
      i++;
      const sign = text.charCodeAt(i);
      if (sign === 0x2b /* + */ || sign === 0x2d /* - */) i++;
      const digitsStart = i;
      i = skipWhile(text, i, isDigit);
      if (i === digitsStart) problem ??= 'exponent-without-digits';
    }
    const f = text.charCodeAt(i);
    // TextFormat turns on the tokenizer's `allow_f_after_float`: 1f and 1.5F are floats.
    if (problem !== 'exponent-without-digits' && (f === 0x66 /* f */ || f === 0x46 /* F */)) {
      form = 'float';
      i++;
    }
  }

  if (!problem) {
    const next = text.charCodeAt(i);
    if (isLetter(next)) problem = 'letter-after-number';
    else if (next === DOT) problem = form === 'float' ? 'second-decimal-point' : 'fraction-in-hex-or-octal';
  }
  if (problem) i = skipWhile(text, i, isNumberDebris);
  return { end: i, form, problem };
}
