/**
 * Where a big file can be cut into pieces of whole top-level fields, for reading it a piece at a
 * time (parse.ts): line starts outside every bracket, string and comment, at lines that begin
 * with a name, about `size` characters apart. A cheap pass over the characters that knows strings
 * and comments only as far as where they end (strings end where the lexer ends them); in a file
 * with syntax errors it may cut in odd places, where parse.ts then reads the rest as one.
 */
import { stringLiteralEnd } from './string-literal';

const enum Kind {
  Other,
  Opener,
  Closer,
  Quote,
  Hash,
  Newline,
}

const KINDS = new Uint8Array(128);
for (const c of '{<[') KINDS[c.charCodeAt(0)] = Kind.Opener;
for (const c of '}>]') KINDS[c.charCodeAt(0)] = Kind.Closer;
for (const c of '"\'') KINDS[c.charCodeAt(0)] = Kind.Quote;
KINDS['#'.charCodeAt(0)] = Kind.Hash;
KINDS['\n'.charCodeAt(0)] = Kind.Newline;

function kindOf(c: number): Kind {
  return c < 128 ? KINDS[c] : Kind.Other;
}

/** A-Z, a-z, _: the first character of a field name. */
function startsName(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

/** The end of each piece, in order; the last is the end of the text. */
export function pieceEnds(text: string, size: number): number[] {
  const ends: number[] = [];
  let depth = 0;
  let pieceStart = 0;
  for (let i = 0; i < text.length; i++) {
    switch (kindOf(text.charCodeAt(i))) {
      case Kind.Hash: {
        const lineEnd = text.indexOf('\n', i);
        i = (lineEnd < 0 ? text.length : lineEnd) - 1; // the loop's step lands on the line break
        break;
      }
      case Kind.Quote:
        i = stringLiteralEnd(text, i) - 1; // where the lexer ends it too
        break;
      case Kind.Opener:
        depth++;
        break;
      case Kind.Closer:
        if (depth > 0) depth--;
        break;
      case Kind.Newline:
        if (depth === 0 && i + 1 - pieceStart >= size && startsName(text.charCodeAt(i + 1))) {
          pieceStart = i + 1;
          ends.push(pieceStart);
        }
        break;
    }
  }
  ends.push(text.length);
  return ends;
}
