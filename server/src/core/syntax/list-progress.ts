/**
 * Follows the commas and items of one `[...]` list as it is read, to report each punctuation
 * mistake once: a missing comma (once per list), an empty item, a `;` for a `,`, a trailing comma.
 */
import type { IToken } from 'chevrotain';
import type { MessageNode, ScalarNode } from './ast';
import type { GrammarErrors } from './grammar-errors';
import { tokenSpan } from './nodes';
import { describeToken, grammarMessages, SyntaxCode } from './syntax-messages';

export class ListProgress {
  readonly items: (ScalarNode | MessageNode)[] = [];
  private expectingItem = true;
  private sawComma = false;
  /** The last comma was reported already (as an empty item), so a `]` after it says nothing more. */
  private lastCommaReported = false;
  private missingCommaReported = false;

  constructor(private readonly errors: GrammarErrors) {}

  comma(comma: IToken): void {
    if (this.expectingItem) {
      this.errors.report(comma, tokenSpan(comma), SyntaxCode.unexpectedToken, grammarMessages.emptyListItem(comma.image));
    }
    this.separated(this.expectingItem);
  }

  /** protobuf wants `,`; read on as if it were one. */
  semicolon(semicolon: IToken): void {
    this.errors.report(semicolon, tokenSpan(semicolon), SyntaxCode.unexpectedToken, grammarMessages.semicolonInList());
    this.separated(true);
  }

  /** An item starting at `first`; `node` is undefined when no value could be read from it. */
  item(first: IToken, node: ScalarNode | MessageNode | undefined): void {
    if (!this.expectingItem && !this.missingCommaReported) {
      this.missingCommaReported = true;
      this.errors.report(first, tokenSpan(first), SyntaxCode.unexpectedToken, grammarMessages.missingComma(describeToken(first.image)));
    }
    this.expectingItem = false;
    if (node) this.items.push(node);
  }

  /** A `[` inside the list: never valid; the caller skips it whole. */
  nestedList(open: IToken): void {
    this.errors.report(open, tokenSpan(open), SyntaxCode.unexpectedToken, grammarMessages.nestedList());
    this.item(open, undefined);
  }

  /** The list ends at `close`, or at `next` when its `]` is missing. */
  end(open: IToken, close: IToken | undefined, next: IToken): void {
    if (!close) {
      this.errors.unclosedList(open, next);
    } else if (this.expectingItem && this.sawComma && !this.lastCommaReported) {
      this.errors.report(close, tokenSpan(close), SyntaxCode.unexpectedToken, grammarMessages.trailingComma());
    }
  }

  private separated(alreadyReported: boolean): void {
    this.lastCommaReported = alreadyReported;
    this.expectingItem = true;
    this.sawComma = true;
  }
}
