/**
 * The syntax tree of one protobuf text-format document: every node gives the exact span it was
 * read from, so later stages can point diagnostics, hovers and edits at it. The parser builds the
 * nodes from the classes of compact-nodes.ts, which keep offsets and make each span on request;
 * stages that make up nodes of their own may write plain objects of these shapes.
 * The parser fills in what it could read and leaves optional members undefined where the text is
 * broken; `SyntaxTree.errors` says what was wrong.
 */
import type { Diagnostic } from '../diagnostics';
import type { Span } from '../text/span';

export interface SyntaxTree {
  /** The top-level fields: a file is the body of one message, without braces. */
  fields: FieldNode[];
  /** Every `#` comment, in document order (text after the `#`, up to the line break). */
  comments: CommentNode[];
  /** Lexical and grammatical errors in document order; each problem reported once. */
  errors: Diagnostic[];
}

export interface CommentNode {
  span: Span;
  text: string;
}

export interface FieldNode {
  kind: 'field';
  /** From the start of the name to the end of the value (or of what was read), separator excluded. */
  span: Span;
  name: FieldNameNode;
  /** The `:` after the name, when written. */
  colon?: Span;
  /** Undefined when no value could be read (an error in `errors` says why). */
  value?: ValueNode;
  /** A trailing `;` or `,`. */
  separator?: Span;
}

export interface FieldNameNode {
  span: Span;
  /**
   * `plain`: an identifier such as `num_output`;
   * `extension`: `[pkg.ext_name]`; `any`: `[type.googleapis.com/pkg.Message]` (text is the inside
   * of the brackets with whitespace removed).
   */
  form: 'plain' | 'extension' | 'any';
  text: string;
}

export type ValueNode = ScalarNode | MessageNode | ListNode;
export type ScalarNode = NumberNode | IdentifierNode | StringNode;

export interface MessageNode {
  kind: 'message';
  /** From the opening delimiter to the closing one (or to where reading stopped). */
  span: Span;
  open: '{' | '<';
  /** False when the closing delimiter is missing. */
  closed: boolean;
  fields: FieldNode[];
}

/** `[a, b, c]` or `[{...}, {...}]`, allowed by protobuf for repeated fields only. */
export interface ListNode {
  kind: 'list';
  span: Span;
  items: (ScalarNode | MessageNode)[];
  closed: boolean;
}

export interface NumberNode {
  kind: 'number';
  /** Includes the `-` sign when there is one (which may be separated by spaces or comments). */
  span: Span;
  /** The number token alone, without sign. */
  tokenSpan: Span;
  negative: boolean;
  /** The token as written, without sign: "0x1F", "010", "1.5e-3f", ".5", "5." */
  text: string;
  /**
   * How protobuf's tokenizer classifies the token: an integer in decimal, hex (0x) or octal
   * (leading 0) form, or a float (has `.`, an exponent, or an `f`/`F` suffix).
   */
  form: 'decimal' | 'hex' | 'octal' | 'float';
}

/** A bare identifier value: an enum name, `true`/`false`, `inf`, `nan`, ... */
export interface IdentifierNode {
  kind: 'identifier';
  span: Span;
  tokenSpan: Span;
  /** `-inf`, `-nan`, or an (invalid) `-FOO`. */
  negative: boolean;
  text: string;
}

export interface StringNode {
  kind: 'string';
  span: Span;
  /** Each literal as written; adjacent literals ('a' "b") are one value, concatenated. */
  parts: Span[];
  /**
   * The decoded bytes of all parts, escapes resolved (\u and \U written as UTF-8); undefined when
   * every part is plain ASCII, so the bytes are the value's character codes. Read them with
   * `stringBytes` (nodes.ts).
   */
  bytes: Uint8Array | undefined;
  /** The bytes read as UTF-8; invalid sequences become U+FFFD. */
  value: string;
}
