/**
 * The classes the parser builds the tree's nodes from. They keep offsets, not span objects: a
 * 10 MB net has over half a million fields, and a span object for each field, name, colon and
 * value was most of the tree's memory and of its parse's garbage-collection time. Every range the
 * interfaces in ast.ts promise (`span`, `colon`, `tokenSpan`, `parts`, ...) is made on request, a
 * new plain {start, end} each time, so callers may keep or change it freely.
 * Each class declares its own start, end and span: a shared base class made the parse and
 * validation of a small file twice as slow (ResNet-152 deploy 5.3 ms instead of 2.7).
 */
import type { Span } from '../text/span';
import type { FieldNameNode, FieldNode, IdentifierNode, ListNode, MessageNode, NumberNode, ScalarNode, StringNode, ValueNode } from './ast';

/** Where an optional one-character token is absent. */
export const ABSENT = -1;

function oneCharacterAt(offset: number): Span | undefined {
  return offset === ABSENT ? undefined : { start: offset, end: offset + 1 };
}

export class NameSyntax implements FieldNameNode {
  constructor(
    readonly start: number,
    readonly end: number,
    readonly form: FieldNameNode['form'],
    readonly text: string,
  ) {}

  get span(): Span {
    return { start: this.start, end: this.end };
  }
}

export class FieldSyntax implements FieldNode {
  readonly kind = 'field';

  constructor(
    readonly name: NameSyntax,
    /** The end of the value (or of what was read); the field starts where its name does. */
    readonly end: number,
    /** The offset of the `:`, or ABSENT. */
    readonly colonAt: number,
    readonly value: ValueNode | undefined,
    /** The offset of a trailing `;` or `,`, or ABSENT. */
    readonly separatorAt: number,
  ) {}

  get span(): Span {
    return { start: this.name.start, end: this.end };
  }

  get colon(): Span | undefined {
    return oneCharacterAt(this.colonAt);
  }

  get separator(): Span | undefined {
    return oneCharacterAt(this.separatorAt);
  }
}

/** A number, or an identifier value; `start` is the sign's offset when there is one. */
abstract class SignedTokenSyntax {
  constructor(
    readonly start: number,
    /** Where the token itself starts (after the sign). */
    readonly tokenStart: number,
    readonly end: number,
    readonly text: string,
  ) {}

  get negative(): boolean {
    return this.tokenStart !== this.start;
  }

  get span(): Span {
    return { start: this.start, end: this.end };
  }

  get tokenSpan(): Span {
    return { start: this.tokenStart, end: this.end };
  }
}

export class NumberSyntax extends SignedTokenSyntax implements NumberNode {
  readonly kind = 'number';

  constructor(start: number, tokenStart: number, end: number, text: string, readonly form: NumberNode['form']) {
    super(start, tokenStart, end, text);
  }
}

export class IdentifierSyntax extends SignedTokenSyntax implements IdentifierNode {
  readonly kind = 'identifier';
}

export class StringSyntax implements StringNode {
  readonly kind = 'string';

  constructor(
    readonly start: number,
    readonly end: number,
    /** The literals' spans when there are several; one literal spans the whole value. */
    private readonly partSpans: readonly Span[] | undefined,
    readonly bytes: Uint8Array | undefined,
    readonly value: string,
  ) {}

  get span(): Span {
    return { start: this.start, end: this.end };
  }

  get parts(): Span[] {
    return this.partSpans ? this.partSpans.map((part) => ({ start: part.start, end: part.end })) : [this.span];
  }
}

export class MessageSyntax implements MessageNode {
  readonly kind = 'message';

  constructor(
    readonly start: number,
    readonly end: number,
    readonly open: MessageNode['open'],
    readonly closed: boolean,
    readonly fields: FieldNode[],
  ) {}

  get span(): Span {
    return { start: this.start, end: this.end };
  }
}

export class ListSyntax implements ListNode {
  readonly kind = 'list';

  constructor(
    readonly start: number,
    readonly end: number,
    readonly items: (ScalarNode | MessageNode)[],
    readonly closed: boolean,
  ) {}

  get span(): Span {
    return { start: this.start, end: this.end };
  }
}
