/**
 * The grammar of the protobuf text format (text_format.cc, ParserImpl) as a chevrotain parser
 * whose embedded actions build the syntax tree.
 *
 * protobuf stops at its first error; this parser reports each independent error once and goes
 * on. Its rules are written so chevrotain itself never fails: every token that cannot continue
 * the input is taken by an explicit error alternative (a stray token, a missing value, an
 * unclosed block) that reports through GrammarErrors and resumes at the next field. The syntax
 * stage does not know field types, so a colon is optional everywhere (the schema stage judges).
 */
import { EmbeddedActionsParser, EOF, type DSLMethodOpts, type IOrAlt, type IToken, type TokenType } from 'chevrotain';
import type { Diagnostic } from '../diagnostics';
import { NestedBuffers } from '../nested-buffers';
import type { FieldNode, ListNode, MessageNode, NumberNode, ScalarNode, StringNode, ValueNode } from './ast';
import type { NameSyntax } from './compact-nodes';
import { MAX_NESTING_DEPTH, skipBalancedBlock, type TokenCursor } from './depth-guard';
import { GrammarErrors, type LexicalContext } from './grammar-errors';
import { blockIndentation, endsByIndentation } from './indentation';
import { ListProgress } from './list-progress';
import { StringTable } from './string-table';
import {
  bracketedNameNode,
  fieldNode,
  identifierNode,
  listNode,
  messageNode,
  numberNode,
  plainNameNode,
  stringNode,
  tokenSpan,
} from './nodes';
import {
  allTokens,
  Colon,
  Comma,
  Dot,
  Identifier,
  LAngle,
  LBracket,
  LCurly,
  Minus,
  NumberLiteral,
  RAngle,
  RBracket,
  RCurly,
  Semicolon,
  Slash,
  StringLiteral,
  tokenEnd,
} from './tokens';

export interface GrammarSettings extends LexicalContext {
  /** The text the tokens were read from (for indentation). */
  text: string;
  /** Close unclosed blocks where the indentation says they end (the second pass). */
  indentationRecovery: boolean;
}

export interface GrammarOutcome {
  fields: FieldNode[];
  errors: Diagnostic[];
  /** Blocks and lists still open when the tokens ran out. */
  unclosedAtEnd: number;
  /** True when the file ended inside a block skipped whole. */
  endedInsideSkippedBlock: boolean;
}

/** After a name, an identifier followed by one of these starts the next field (`a b: 1`). */
const STARTS_FIELD_AFTER_IDENTIFIER: ReadonlySet<TokenType> = new Set([Colon, LCurly, LAngle]);

/** Tokens that keep a list going (an identifier too, unless it starts the next field). */
const CONTINUES_LIST: ReadonlySet<TokenType> = new Set([
  Comma,
  Semicolon,
  StringLiteral,
  NumberLiteral,
  Minus,
  LCurly,
  LAngle,
  LBracket,
]);

/** What a rule returns while chevrotain records the grammar (nothing reads it then). */
const RECORDED = undefined as never;

/** A value that was written but gives no node (a broken number, a sign with nothing after it): its error is reported already. */
const UNREADABLE: unique symbol = Symbol('unreadable value');

const NO_SETTINGS: GrammarSettings = {
  text: '',
  indentationRecovery: false,
  lexicalErrorEnds: new Set(),
  brokenTokenStarts: new Set(),
  unterminatedStrings: [],
};

export class TextFormatParser extends EmbeddedActionsParser {
  private settings = NO_SETTINGS;
  private problems = new GrammarErrors(NO_SETTINGS);
  /** How many messages and lists enclose the current token. */
  private depth = 0;
  private readonly cursor: TokenCursor = { peek: () => this.LA(1), advance: () => void this.SKIP_TOKEN() };

  constructor() {
    super(allTokens, { recoveryEnabled: true, maxLookahead: 1 });
    this.performSelfAnalysis();
  }

  parseTokens(tokens: IToken[], settings: GrammarSettings): GrammarOutcome {
    this.settings = settings;
    this.problems = new GrammarErrors(settings);
    this.depth = 0;
    this.input = tokens;
    const fields = this.document() ?? [];
    for (const exception of this.errors) {
      const token = exception.token;
      const end = settings.text.length;
      this.problems.internal(token.tokenType === EOF ? { start: end, end } : tokenSpan(token), exception.message);
    }
    const outcome: GrammarOutcome = {
      fields,
      errors: this.problems.diagnostics,
      unclosedAtEnd: this.problems.unclosedAtEnd,
      endedInsideSkippedBlock: this.problems.endedInsideSkippedBlock,
    };
    // The one parser outlives its parses: let go of the tokens (a big file's take over 100 MB) and
    // of the nodes and tokens its buffers still hold.
    this.input = [];
    this.openFields.clear();
    this.strings.clear();
    this.stringParts.length = 0;
    return outcome;
  }

  // ---- rules -------------------------------------------------------------------------------
  // The rules that run once per field (document, message, field, stringValue) take their arrays
  // of alternatives and their callbacks from the cached members further down, and keep per-call
  // state on the parser: written inline, those arrays and closures would be allocated again on
  // every call, and they were most of a big file's garbage. A GATE makes chevrotain allocate
  // on every decision too, so the hot decisions have none: the identifier value checks in its
  // alternative whether it starts the next field instead.

  /** The file: the body of one message, without braces; a stray `}` is reported and skipped. */
  private readonly document = this.RULE('document', (): FieldNode[] => {
    this.openFields.open(0);
    this.MANY(this.documentItem);
    return this.openFields.close(0);
  });

  /**
   * `name`, `[pkg.ext]` or `[type.url/pkg.Msg]`, then an optional colon, a value and a separator.
   * This rule runs once per field, so plain names, numbers and identifiers are read inline rather
   * than through sub-rules.
   */
  private readonly field = this.RULE('field', (): FieldNode => {
    const name = this.OR(this.nameAlternatives);
    const colon = this.OPTION(this.readColon);
    const value = this.OPTION2(this.readValue);
    let end = 0;
    if (!this.RECORDING_PHASE) {
      if (value === undefined) this.problems.missingValue(name, colon, this.LA(1));
      end = this.lastConsumedEnd();
    }
    const separator = this.OPTION3(this.readSeparator);
    if (this.RECORDING_PHASE) return RECORDED as FieldNode;
    return fieldNode(name, end, colon, value === UNREADABLE ? undefined : value, separator);
  });

  /** The parts are checked afterwards, so any mix of them is read up to the `]`. */
  private readonly bracketedName = this.RULE('bracketedName', (): NameSyntax => {
    const open = this.CONSUME(LBracket);
    const parts: IToken[] = [];
    this.MANY(() => {
      const part = this.OR([
        { ALT: () => this.CONSUME(Identifier) },
        { ALT: () => this.CONSUME(Dot) },
        { ALT: () => this.CONSUME(Slash) },
      ]);
      this.ACTION(() => parts.push(part));
    });
    const close = this.OPTION(() => this.CONSUME(RBracket));
    return this.ACTION(() => {
      this.problems.bracketedName(open, parts, close, this.LA(1));
      return bracketedNameNode(open, parts, close ? tokenEnd(close) : this.lastConsumedEnd());
    });
  });

  /** `{ fields }` or `< fields >`; in the second pass a block may also end by indentation. */
  private readonly message = this.RULE('message', (): MessageNode => {
    const open = this.OR(this.openerAlternatives);
    if (!this.RECORDING_PHASE && this.depth >= MAX_NESTING_DEPTH) return this.skipTooDeepMessage(open);
    let indentation = -1;
    if (!this.RECORDING_PHASE) {
      this.depth++;
      this.openFields.open(this.depth);
      if (this.settings.indentationRecovery) indentation = blockIndentation(this.settings.text, open, this.LA(1));
      this.indentations[this.depth] = indentation;
    }
    this.MANY(this.settings.indentationRecovery ? this.blockItemUnlessDedented : this.blockItem);
    const endedByIndentation = !this.RECORDING_PHASE && endsByIndentation(this.settings.text, indentation, this.LA(1));
    const close = endedByIndentation ? undefined : this.OPTION(this.readCloser);
    if (this.RECORDING_PHASE) return RECORDED as MessageNode;
    const fields = this.openFields.close(this.depth);
    this.depth--;
    if (close) this.problems.closer(open, close);
    else this.problems.unclosed(open, this.LA(1));
    return messageNode(open, fields, close !== undefined, close ? tokenEnd(close) : this.lastConsumedEnd());
  });

  /** `[a, b]` or `[{...}, <...>]`: a list of scalars or of messages (the schema stage checks which). */
  private readonly list = this.RULE('list', (): ListNode => {
    const open = this.CONSUME(LBracket);
    if (!this.RECORDING_PHASE && this.depth >= MAX_NESTING_DEPTH) return this.skipTooDeepList(open);
    const progress = this.ACTION(() => {
      this.depth++;
      return new ListProgress(this.problems);
    });
    this.MANY({
      GATE: () => this.listContinues(),
      DEF: () => {
        this.OR([
          {
            ALT: () => {
              const comma = this.CONSUME(Comma);
              this.ACTION(() => progress.comma(comma));
            },
          },
          {
            ALT: () => {
              const semicolon = this.CONSUME(Semicolon);
              this.ACTION(() => progress.semicolon(semicolon));
            },
          },
          {
            ALT: () => {
              const first = this.LA(1);
              const item = this.SUBRULE(this.message);
              this.ACTION(() => progress.item(first, item));
            },
          },
          {
            ALT: () => {
              const first = this.LA(1);
              const item = this.SUBRULE(this.scalar);
              this.ACTION(() => progress.item(first, item));
            },
          },
          {
            // Never valid, so not worth reading: skipped whole, however deep, with one error.
            ALT: () => {
              const inner = this.CONSUME2(LBracket);
              this.ACTION(() => {
                progress.nestedList(inner);
                this.skipBlock();
              });
            },
          },
        ]);
      },
    });
    const close = this.OPTION(() => this.CONSUME(RBracket));
    return this.ACTION(() => {
      this.depth--;
      progress.end(open, close, this.LA(1));
      return listNode(open, progress.items, close !== undefined, close ? tokenEnd(close) : this.lastConsumedEnd());
    });
  });

  /** A string (adjacent literals joined), a number, `-` number, an identifier, or `-` identifier. */
  private readonly scalar = this.RULE('scalar', (): ScalarNode | undefined => {
    return this.OR([
      { ALT: (): ScalarNode | undefined => this.SUBRULE(this.stringValue) },
      {
        ALT: (): ScalarNode | undefined => {
          const token = this.CONSUME(NumberLiteral);
          return this.ACTION(() => this.numberValue(token, undefined));
        },
      },
      { ALT: (): ScalarNode | undefined => this.SUBRULE(this.signedValue) },
      {
        ALT: (): ScalarNode | undefined => {
          const token = this.CONSUME(Identifier);
          return this.ACTION(() => identifierNode(token, undefined, this.strings));
        },
      },
    ]);
  });

  private readonly stringValue = this.RULE('stringValue', (): StringNode => {
    this.stringPartCount = 0;
    this.AT_LEAST_ONE(this.readStringPart);
    if (this.RECORDING_PHASE) return RECORDED as StringNode;
    return stringNode(this.settings.text, this.stringParts, this.stringPartCount, this.strings);
  });

  /** The sign may be separated from its number by spaces and comments, as protobuf allows. */
  private readonly signedValue = this.RULE('signedValue', (): ScalarNode | undefined => {
    const minus = this.CONSUME(Minus);
    return this.OR([
      {
        ALT: (): ScalarNode | undefined => {
          const token = this.CONSUME(NumberLiteral);
          return this.ACTION(() => this.numberValue(token, minus));
        },
      },
      {
        GATE: () => !this.identifierStartsField(),
        ALT: (): ScalarNode | undefined => {
          const token = this.CONSUME(Identifier);
          return this.ACTION(() => identifierNode(token, minus, this.strings));
        },
      },
      {
        ALT: (): ScalarNode | undefined => {
          const value = this.SUBRULE(this.stringValue);
          this.ACTION(() => this.problems.signBeforeString(minus));
          return value;
        },
      },
      {
        ALT: (): ScalarNode | undefined => {
          this.ACTION(() => this.problems.signWithoutNumber(minus, this.LA(1)));
          return undefined;
        },
      },
    ]);
  });

  /** A token that cannot start a field, where a field should start; a `{...}` is read and dropped. */
  private readonly strayItem = this.RULE('strayItem', (): void => {
    const before = this.LA(0);
    const first = this.LA(1);
    this.OR([
      { ALT: () => this.SUBRULE(this.message) },
      { ALT: () => this.CONSUME(Colon) },
      { ALT: () => this.CONSUME(Semicolon) },
      { ALT: () => this.CONSUME(Comma) },
      { ALT: () => this.CONSUME(Minus) },
      { ALT: () => this.CONSUME(NumberLiteral) },
      { ALT: () => this.CONSUME(StringLiteral) },
      { ALT: () => this.CONSUME(RBracket) },
      { ALT: () => this.CONSUME(Slash) },
      { ALT: () => this.CONSUME(Dot) },
    ]);
    this.ACTION(() => this.problems.stray(before, first, this.LA(0)));
  });

  /** A `}` or `>` at the top level, where no block is open. */
  private readonly strayCloser = this.RULE('strayCloser', (): void => {
    const before = this.LA(0);
    const first = this.LA(1);
    this.OR([{ ALT: () => this.CONSUME(RCurly) }, { ALT: () => this.CONSUME(RAngle) }]);
    this.ACTION(() => this.problems.stray(before, first, this.LA(0)));
  });

  // ---- cached DSL arguments of the hot rules -----------------------------------------------

  /** The fields read so far in each open block, by depth (0: the file). */
  private readonly openFields = new NestedBuffers<FieldNode>();
  /** Second pass: the indentation the lines of each open block must exceed, by depth. */
  private readonly indentations: number[] = [];
  /** The names and values of this parse, one string object per text. */
  private readonly strings = new StringTable();
  /**
   * The literals of the string being read ('a' "b" is one value; strings do not nest): the first
   * stringPartCount of a reused list (emptying a list drops its storage; a push then allocates).
   */
  private readonly stringParts: IToken[] = [];
  private stringPartCount = 0;

  private readonly blockAlternatives: IOrAlt<void>[] = [
    { ALT: () => this.readBlockField() },
    { ALT: () => this.SUBRULE(this.strayItem) },
  ];

  private readonly documentAlternatives: IOrAlt<void>[] = [...this.blockAlternatives, { ALT: () => this.SUBRULE(this.strayCloser) }];

  private readonly documentItem = (): void => this.OR(this.documentAlternatives);

  private readonly blockItem = (): void => this.OR2(this.blockAlternatives);

  private readonly blockItemUnlessDedented: DSLMethodOpts<void> = {
    GATE: () => !endsByIndentation(this.settings.text, this.indentations[this.depth], this.LA(1)),
    DEF: this.blockItem,
  };

  private readonly openerAlternatives: IOrAlt<IToken>[] = [{ ALT: () => this.CONSUME(LCurly) }, { ALT: () => this.CONSUME(LAngle) }];

  private readonly closerAlternatives: IOrAlt<IToken>[] = [{ ALT: () => this.CONSUME(RCurly) }, { ALT: () => this.CONSUME(RAngle) }];

  private readonly readCloser = (): IToken => this.OR3(this.closerAlternatives);

  private readonly nameAlternatives: IOrAlt<NameSyntax>[] = [
    {
      ALT: () => {
        const token = this.CONSUME(Identifier);
        return this.RECORDING_PHASE ? (RECORDED as NameSyntax) : plainNameNode(token, this.strings);
      },
    },
    { ALT: () => this.SUBRULE(this.bracketedName) },
  ];

  private readonly readColon = (): IToken => this.CONSUME(Colon);

  /** A value, or UNREADABLE when one was written but gives no node; undefined: no value is there. */
  private readonly valueAlternatives: IOrAlt<ValueNode | typeof UNREADABLE | undefined>[] = [
    { ALT: () => this.SUBRULE(this.message) },
    { ALT: () => this.SUBRULE(this.list) },
    { ALT: () => this.SUBRULE(this.stringValue) },
    {
      ALT: () => {
        const token = this.CONSUME(NumberLiteral);
        return this.RECORDING_PHASE ? RECORDED : (this.numberValue(token, undefined) ?? UNREADABLE);
      },
    },
    { ALT: () => this.SUBRULE(this.signedValue) ?? UNREADABLE },
    {
      ALT: () => {
        // `b` in `a b: 1` is not a's value: read nothing, and `a` is missing its value.
        if (!this.RECORDING_PHASE && this.identifierStartsField()) return undefined;
        const token = this.CONSUME2(Identifier);
        return this.RECORDING_PHASE ? RECORDED : identifierNode(token, undefined, this.strings);
      },
    },
  ];

  private readonly readValue = (): ValueNode | typeof UNREADABLE | undefined => this.OR2(this.valueAlternatives);

  private readonly separatorAlternatives: IOrAlt<IToken>[] = [{ ALT: () => this.CONSUME(Semicolon) }, { ALT: () => this.CONSUME(Comma) }];

  private readonly readSeparator = (): IToken => this.OR3(this.separatorAlternatives);

  private readonly readStringPart = (): void => {
    const part = this.CONSUME(StringLiteral);
    if (!this.RECORDING_PHASE) this.stringParts[this.stringPartCount++] = part;
  };

  /** A field inside a block or the file, added to that block's fields. */
  private readBlockField(): void {
    const field = this.SUBRULE(this.field);
    if (!this.RECORDING_PHASE) this.openFields.add(this.depth, field);
  }

  // ---- decisions ---------------------------------------------------------------------------

  /** `b` in `a b: 1` is the next field's name, not a's value. */
  private identifierStartsField(): boolean {
    return this.LA(1).tokenType === Identifier && STARTS_FIELD_AFTER_IDENTIFIER.has(this.LA(2).tokenType);
  }

  private listContinues(): boolean {
    const type = this.LA(1).tokenType;
    if (type === Identifier) return !this.identifierStartsField();
    return CONTINUES_LIST.has(type);
  }

  // ---- skipping ----------------------------------------------------------------------------

  /** Skips to the bracket balancing the one just read, without recursion. */
  private skipBlock(): IToken | undefined {
    const closer = skipBalancedBlock(this.cursor);
    if (!closer) this.problems.endedInsideSkippedBlock = true;
    return closer;
  }

  private skipTooDeepMessage(open: IToken): MessageNode {
    this.problems.nestingTooDeep(open);
    const closer = this.skipBlock();
    return messageNode(open, [], closer !== undefined, this.lastConsumedEnd());
  }

  private skipTooDeepList(open: IToken): ListNode {
    this.problems.nestingTooDeep(open);
    const closer = this.skipBlock();
    return listNode(open, [], closer !== undefined, this.lastConsumedEnd());
  }

  /** A broken number gives no value: its lexical error already says why. */
  private numberValue(token: IToken, minus: IToken | undefined): NumberNode | undefined {
    return this.settings.brokenTokenStarts.has(token.startOffset) ? undefined : numberNode(token, minus, this.strings);
  }

  /** Where the last token read ends. */
  private lastConsumedEnd(): number {
    const last = this.LA(0);
    return last.tokenType === EOF ? 0 : tokenEnd(last);
  }
}
