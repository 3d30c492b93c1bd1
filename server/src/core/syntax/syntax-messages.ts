/**
 * The wording of every syntax diagnostic. Each starts with protobuf's own sentence where it has
 * one (so it matches what `caffe` prints), then says in plain words what to change.
 */
import type { NumberProblem } from './number-literal';
import type { StringProblemKind } from './string-literal';

const CLOSER_OF: Readonly<Record<string, string>> = { '{': '}', '<': '>', '[': ']' };
const OPENER_OF: Readonly<Record<string, string>> = { '}': '{', '>': '<', ']': '[' };

/** The stable diagnostic codes of the syntax stage. */
export const SyntaxCode = {
  byteOrderMark: 'byte-order-mark',
  invalidCharacter: 'invalid-character',
  unterminatedString: 'unterminated-string',
  invalidEscape: 'invalid-escape',
  invalidNumber: 'invalid-number',
  unexpectedToken: 'unexpected-token',
  unclosedDelimiter: 'unclosed-delimiter',
  nestingTooDeep: 'nesting-too-deep',
} as const;

export type SyntaxCode = (typeof SyntaxCode)[keyof typeof SyntaxCode];

export const NUMBER_PROBLEM_MESSAGES: Readonly<Record<NumberProblem, (token: string) => string>> = {
  'hex-without-digits': (t) => `"0x" must be followed by hex digits. "${t}" is not a number.`,
  'leading-zero-not-octal': (t) =>
    `Numbers starting with leading zero must be in octal. "${t}" has a digit 8 or 9; drop the leading zero for a decimal number.`,
  'exponent-without-digits': (t) =>
    `"e" must be followed by exponent. "${t}" needs digits after the "e", as in 1e-4.`,
  'second-decimal-point': (t) =>
    `Already saw decimal point or exponent; can't have another one. "${t}" is not a number.`,
  'fraction-in-hex-or-octal': (t) =>
    `Hex and octal numbers must be integers. "${t}" starts with 0, which makes it octal or hex; write it without the leading zero.`,
  'letter-after-number': (t) =>
    `Need space between number and identifier. "${t}" is a number with letters glued to it.`,
  'identifier-before-decimal-point': (t) =>
    `Need space between identifier and decimal point. "${t}" is glued to the name before it.`,
};

export const STRING_PROBLEM_MESSAGES: Readonly<Record<StringProblemKind, string>> = {
  'unterminated-at-line-end':
    'String literals cannot cross line boundaries. Close the string with its quote before the end of the line.',
  'unterminated-at-end-of-file': 'Unexpected end of string. The file ends before the closing quote.',
  'invalid-escape':
    'Invalid escape sequence in string literal. Valid escapes: \\a \\b \\f \\n \\r \\t \\v \\? \\\\ \\\' \\" , octal \\0 to \\377, \\x with hex digits, \\u with 4 hex digits, \\U with 8.',
  'hex-escape-without-digits': 'Expected hex digits for escape sequence. Write \\x followed by one or two hex digits.',
  'short-unicode-escape': 'Expected four hex digits for \\u escape sequence.',
  'bad-long-unicode-escape': 'Expected eight hex digits up to 10ffff for \\U escape sequence.',
  'nul-character':
    'Invalid control characters encountered in text: a NUL character inside a string, where protobuf stops reading the string ("Unexpected end of string.").',
};

/** Which code each string problem is reported under. */
export const STRING_PROBLEM_CODES: Readonly<Record<StringProblemKind, SyntaxCode>> = {
  'unterminated-at-line-end': SyntaxCode.unterminatedString,
  'unterminated-at-end-of-file': SyntaxCode.unterminatedString,
  'invalid-escape': SyntaxCode.invalidEscape,
  'hex-escape-without-digits': SyntaxCode.invalidEscape,
  'short-unicode-escape': SyntaxCode.invalidEscape,
  'bad-long-unicode-escape': SyntaxCode.invalidEscape,
  'nul-character': SyntaxCode.invalidCharacter,
};

function codePointLabel(ch: string): string {
  return 'U+' + (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}

export const characterMessages = {
  control: (ch: string) =>
    `Invalid control characters encountered in text (${codePointLabel(ch)}). Delete them; only spaces, tabs and line breaks may separate tokens.`,
  nulInComment: () =>
    'Invalid control characters encountered in text: a NUL character inside a comment, where protobuf stops reading the comment.',
  nonAscii: (ch: string) =>
    `Unexpected character "${ch}" (${codePointLabel(ch)}): outside strings and comments the protobuf text format allows only ASCII (protobuf: "Interpreting non ascii codepoint").`,
  stray: (ch: string) =>
    `Unexpected character "${ch}" (${codePointLabel(ch)}): it has no meaning in the protobuf text format outside strings and comments (protobuf: "Expected identifier, got: ${ch}").`,
  byteOrderMark: () =>
    'The file starts with a byte-order mark (U+FEFF). Caffe\'s protobuf parser rejects it ("Interpreting non ascii codepoint 239."); save the file as UTF-8 without BOM.',
};

/** How a token is named inside a message: its text, shortened, or "end of file". */
export function describeToken(image: string | undefined): string {
  if (image === undefined) return 'end of file';
  return image.length > 24 ? image.slice(0, 21) + '...' : image;
}

export const grammarMessages = {
  strayCloser: (got: string) => `Expected identifier, got: ${got}. There is no open "${OPENER_OF[got] ?? '{'}" for this "${got}" to close.`,
  straySeparator: (got: string) =>
    `Expected identifier, got: ${got}. Only one ";" or "," may follow a field.`,
  separatorWithoutField: (got: string) => `Expected identifier, got: ${got}. A "${got}" may only follow a field.`,
  strayBlock: (got: string) =>
    `Expected identifier, got: ${got}. A "${got} ... ${CLOSER_OF[got]}" block must follow a field name, as in: layer ${got} ... ${CLOSER_OF[got]}`,
  strayNumber: (got: string) =>
    `Expected identifier, got: ${got}. A field must start with its name: a value needs a name and ":" before it, and Caffe's parser does not accept field numbers in place of names.`,
  strayValue: (got: string) =>
    `Expected identifier, got: ${got}. A value must follow a field name and ":", as in: name: "conv1"`,
  strayToken: (got: string) => `Expected identifier, got: ${got}. A field name must start here.`,
  missingValueAfterColon: (name: string, got: string) =>
    `Expected a value after "${name}:", got: ${got}. Write a number, a quoted string, a name such as an enum value, or a "{ ... }" block.`,
  missingValueNoColon: (name: string, got: string) =>
    `Expected ":" or "{" after field name "${name}", got: ${got}. Write "${name}: value" or "${name} { ... }".`,
  signWithoutNumber: (got: string) => `Expected a number after "-", got: ${got}.`,
  signBeforeString: () => 'A "-" sign can only precede a number (or inf / nan), not a string.',
  mismatchedCloser: (open: string, got: string) =>
    `Expected "${CLOSER_OF[open]}", found "${got}". A block opened with "${open}" must close with "${CLOSER_OF[open]}".`,
  unclosedAtEndOfFile: (open: string) =>
    `Expected "${CLOSER_OF[open]}": the file ends before this "${open}" is closed.`,
  unclosedByIndentation: (open: string, got: string) =>
    `Expected "${CLOSER_OF[open]}": this "${open}" is never closed. Its block seems to end before "${got}", which is indented no deeper than the line that opens it.`,
  blockEndsHere: () => 'the block seems to end here',
  unclosedList: (got: string) =>
    `Expected "," or "]" after a list item, got: ${got}. This "[" is never closed.`,
  missingComma: (got: string) => `Expected ",", found "${got}". Separate list items with commas.`,
  semicolonInList: () => 'Expected ",", found ";". Separate list items with commas.',
  emptyListItem: (got: string) => `Expected a value, got: ${got}. A list has no empty items.`,
  trailingComma: () => 'Expected a value, got: ]. A list cannot end with ",": remove the trailing comma.',
  nestedList: () => 'Expected a value, got: [. Lists cannot contain lists.',
  extensionNamePart: (got: string) =>
    `Expected identifier, got: ${got}. An extension name in brackets is a dotted type name, as in [pkg.name].`,
  unclosedExtensionName: (got: string) => `Expected "]", found "${got}". Close the bracketed extension name.`,
  nestingTooDeep: (limit: number) =>
    `Nesting is too deep: more than ${limit} blocks inside each other. No Caffe model nests this deep; the content of this block is skipped and not checked.`,
  internal: (detail: string) => `The syntax checker could not read this part of the file (${detail}).`,
};
