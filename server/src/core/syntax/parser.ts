/**
 * The grammar of the protobuf text format (text_format.cc, ParserImpl) as a chevrotain parser
 * whose embedded actions build the syntax tree.
 *
 * protobuf stops at its first error; this parser reports each independent error once and keeps
 * going. Its rules are written so chevrotain itself never fails: every token that cannot continue
 * the input is taken by an explicit error alternative (a stray token, a missing value, an
 * unclosed block), which reports one diagnostic and resumes at the next field. The syntax stage
 * does not know field types, so a colon is optional everywhere (the schema stage judges it).
 */
import { EmbeddedActionsParser, EOF, type IToken, type TokenType } from 'chevrotain';
import type { Diagnostic } from '../diagnostics';
import type { Span } from '../text/span';
import type { FieldNameNode, FieldNode, ListNode, MessageNode, ScalarNode, StringNode, ValueNode } from './ast';
import { MAX_NESTING_DEPTH, skipBalancedBlock, type SkippedBlock } from './depth-guard';
import { leadingColumn, lineIndentation } from './indentation';
import { syntaxError } from './lexical-diagnostics';
import { identifierNode, numberNode, stringNode, tokenSpan } from './nodes';
import { describeToken, grammarMessages, SyntaxCode } from './syntax-messages';
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
  numberScanOf,
  RAngle,
  RBracket,
  RCurly,
  Semicolon,
  Slash,
  StringLiteral,
  stringScanOf,
  tokenEnd,
} from './tokens';

export interface GrammarSettings {
  /** The text the tokens were read from (for indentation). */
  text: string;
  /** Close unclosed blocks where the indentation says they end (the second pass). */
  indentationRecovery: boolean;
  /** Offsets where a lexical error ends (see lexical-diagnostics). */
  lexicalErrorEnds: ReadonlySet<number>;
  /** Start offsets of unterminated strings, ascending. */
  unterminatedStrings: readonly number[];
}

export interface GrammarOutcome {
  fields: FieldNode[];
  errors: Diagnostic[];
  /** Blocks and lists still open when the tokens ran out. */
  unclosedAtEnd: number;
  /** True when the file ended inside a block skipped for being too deep. */
  endedInsideSkippedBlock: boolean;
}

/** After a name without colon, an identifier followed by one of these starts the next field. */
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

const CLOSER_OF: ReadonlyMap<TokenType, TokenType> = new Map([
  [LCurly, RCurly],
  [LAngle, RAngle],
]);

/** Picks the message for a token found where a field should start, by its type. */
const STRAY_MESSAGES: ReadonlyMap<TokenType, (got: string, after: IToken) => string> = new Map([
  [RCurly, grammarMessages.strayCloser],
  [RAngle, grammarMessages.strayCloser],
  [RBracket, grammarMessages.strayCloser],
  [LCurly, grammarMessages.strayBlock],
  [LAngle, grammarMessages.strayBlock],
  [NumberLiteral, grammarMessages.strayNumber],
  [StringLiteral, grammarMessages.strayValue],
  [Semicolon, separatorMessage],
  [Comma, separatorMessage],
]);

function separatorMessage(got: string, after: IToken): string {
  const afterSeparator = after.tokenType === Semicolon || after.tokenType === Comma;
  return afterSeparator ? grammarMessages.straySeparator(got) : grammarMessages.separatorWithoutField(got);
}

function describe(token: IToken): string {
  return describeToken(token.tokenType === EOF ? undefined : token.image);
}

/** A token whose own lexical error already covers it. */
function isLexicallyBroken(token: IToken): boolean {
  if (token.tokenType === NumberLiteral) return numberScanOf(token).problem !== undefined;
  if (token.tokenType === StringLiteral) return !stringScanOf(token).terminated;
  return false;
}

interface ListState {
  items: (ScalarNode | MessageNode)[];
  expectingItem: boolean;
  sawComma: boolean;
  /** The last comma was already reported (as an empty item), so a `]` after it is not reported again. */
  lastCommaReported: boolean;
  missingCommaReported: boolean;
}

export class TextFormatParser extends EmbeddedActionsParser {
  private settings: GrammarSettings = { text: '', indentationRecovery: false, lexicalErrorEnds: new Set(), unterminatedStrings: [] };
  private problems: Diagnostic[] = [];
  private unclosedAtEnd = 0;
  private endedInsideSkippedBlock = false;
  /** The last token a grammar error named: a token is blamed at most once. */
  private blamedToken: IToken | undefined;
  /** The last token of the previous stray item: a run of stray tokens gets one error. */
  private strayRunEnd: IToken | undefined;
  /** Lists reported unclosed before the end of the file: a later stray `]` is theirs, not a new error. */
  private listsLeftOpen = 0;

  constructor() {
    super(allTokens, { recoveryEnabled: true, maxLookahead: 1 });
    this.performSelfAnalysis();
  }

  parseTokens(tokens: IToken[], settings: GrammarSettings): GrammarOutcome {
    this.settings = settings;
    this.problems = [];
    this.unclosedAtEnd = 0;
    this.endedInsideSkippedBlock = false;
    this.blamedToken = undefined;
    this.strayRunEnd = undefined;
    this.listsLeftOpen = 0;
    this.input = tokens;
    const fields = this.document() ?? [];
    // The rules leave chevrotain nothing to recover from; should it ever have to, say so plainly.
    for (const exception of this.errors) {
      const token = exception.token;
      const span = token.tokenType === EOF ? this.endOfInput() : tokenSpan(token);
      this.problems.push(syntaxError(span, SyntaxCode.unexpectedToken, grammarMessages.internal(exception.message)));
    }
    return {
      fields,
      errors: this.problems,
      unclosedAtEnd: this.unclosedAtEnd,
      endedInsideSkippedBlock: this.endedInsideSkippedBlock,
    };
  }

  // ---- rules -------------------------------------------------------------------------------

  private readonly document = this.RULE('document', (): FieldNode[] => {
    const fields: FieldNode[] = [];
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            const field = this.SUBRULE(this.field, { ARGS: [0] });
            this.ACTION(() => fields.push(field));
          },
        },
        { ALT: () => this.SUBRULE(this.strayItem, { ARGS: [0] }) },
        { ALT: () => this.SUBRULE(this.strayCloser) },
      ]);
    });
    return fields;
  });

  /**
   * `name`, `[pkg.ext]` or `[type.url/pkg.Msg]`, then an optional colon, a value and a separator.
   * Plain names, numbers and identifiers are read inline rather than through sub-rules: this rule
   * runs once per field, and each rule call costs more than the token it reads.
   */
  private readonly field = this.RULE('field', (depth: number): FieldNode => {
    const name = this.OR([
      {
        ALT: () => {
          const token = this.CONSUME(Identifier);
          return this.ACTION((): FieldNameNode => ({ span: tokenSpan(token), form: 'plain', text: token.image }));
        },
      },
      { ALT: () => this.SUBRULE(this.bracketedName) },
    ]);
    const colon = this.OPTION(() => this.CONSUME(Colon));
    const value = this.OR2([
      { ALT: (): ValueNode | undefined => this.SUBRULE(this.message, { ARGS: [depth + 1] }) },
      { ALT: (): ValueNode | undefined => this.SUBRULE(this.list, { ARGS: [depth + 1] }) },
      { ALT: (): ValueNode | undefined => this.SUBRULE(this.stringValue) },
      {
        ALT: (): ValueNode | undefined => {
          const token = this.CONSUME(NumberLiteral);
          return this.ACTION(() => numberNode(token, undefined));
        },
      },
      { ALT: (): ValueNode | undefined => this.SUBRULE(this.signedValue) },
      {
        GATE: () => !this.identifierStartsField(),
        ALT: (): ValueNode | undefined => {
          const token = this.CONSUME2(Identifier);
          return this.ACTION(() => identifierNode(token, undefined));
        },
      },
      { ALT: (): ValueNode | undefined => this.ACTION(() => this.reportMissingValue(name, colon)) },
    ]);
    const end = this.ACTION(() => this.lastConsumedEnd());
    const separator = this.OPTION2(() =>
      this.OR3([{ ALT: () => this.CONSUME(Semicolon) }, { ALT: () => this.CONSUME(Comma) }]),
    );
    return this.ACTION(() => {
      const node: FieldNode = { kind: 'field', span: { start: name.span.start, end }, name };
      if (colon) node.colon = tokenSpan(colon);
      if (value) node.value = value;
      if (separator) node.separator = tokenSpan(separator);
      return node;
    });
  });

  /** protobuf reads identifiers joined by `.` (and `/` in an Any type URL); anything else is reported. */
  private readonly bracketedName = this.RULE('bracketedName', (): FieldNameNode => {
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
    return this.ACTION(() => this.finishBracketedName(open, parts, close));
  });

  /** `{ fields }` or `< fields >`. */
  private readonly message = this.RULE('message', (depth: number): MessageNode => {
    const open = this.OR([{ ALT: () => this.CONSUME(LCurly) }, { ALT: () => this.CONSUME(LAngle) }]);
    if (!this.RECORDING_PHASE && depth > MAX_NESTING_DEPTH) return this.skipTooDeepMessage(open);
    const fields: FieldNode[] = [];
    const indentation = this.ACTION(() => this.blockIndentation(open));
    this.MANY({
      GATE: () => !this.blockEndsByIndentation(indentation),
      DEF: () => {
        this.OR2([
          {
            ALT: () => {
              const field = this.SUBRULE(this.field, { ARGS: [depth] });
              this.ACTION(() => fields.push(field));
            },
          },
          { ALT: () => this.SUBRULE(this.strayItem, { ARGS: [depth] }) },
        ]);
      },
    });
    const endsByIndentation = this.ACTION(() => this.blockEndsByIndentation(indentation));
    const close = this.OR3([
      { GATE: () => !endsByIndentation, ALT: (): IToken | undefined => this.CONSUME(RCurly) },
      { GATE: () => !endsByIndentation, ALT: (): IToken | undefined => this.CONSUME(RAngle) },
      { ALT: (): IToken | undefined => undefined },
    ]);
    return this.ACTION(() => this.finishMessage(open, fields, close));
  });

  /** `[a, b]` or `[{...}, <...>]`: a list of scalars or of messages (the schema stage checks which). */
  private readonly list = this.RULE('list', (depth: number): ListNode => {
    const open = this.CONSUME(LBracket);
    if (!this.RECORDING_PHASE && depth > MAX_NESTING_DEPTH) return this.skipTooDeepList(open);
    const state: ListState = {
      items: [],
      expectingItem: true,
      sawComma: false,
      lastCommaReported: false,
      missingCommaReported: false,
    };
    this.MANY({
      GATE: () => this.listContinues(),
      DEF: () => {
        this.OR([
          {
            ALT: () => {
              const comma = this.CONSUME(Comma);
              this.ACTION(() => this.onListComma(state, comma));
            },
          },
          {
            ALT: () => {
              const semicolon = this.CONSUME(Semicolon);
              this.ACTION(() => {
                this.report(semicolon, tokenSpan(semicolon), SyntaxCode.unexpectedToken, grammarMessages.semicolonInList());
                this.onListComma(state, semicolon, true);
              });
            },
          },
          {
            ALT: () => {
              const first = this.LA(1);
              const item = this.SUBRULE(this.message, { ARGS: [depth + 1] });
              this.ACTION(() => this.onListItem(state, first, item));
            },
          },
          {
            ALT: () => {
              const first = this.LA(1);
              const item = this.SUBRULE(this.scalar);
              this.ACTION(() => this.onListItem(state, first, item));
            },
          },
          {
            // Never valid, so not worth reading: skipped whole, however deep, with one error.
            ALT: () => {
              const inner = this.CONSUME2(LBracket);
              this.ACTION(() => {
                this.report(inner, tokenSpan(inner), SyntaxCode.unexpectedToken, grammarMessages.nestedList());
                if (!skipBalancedBlock(this.cursor).closer) this.endedInsideSkippedBlock = true;
                this.onListItem(state, inner, undefined);
              });
            },
          },
        ]);
      },
    });
    const close = this.OPTION(() => this.CONSUME(RBracket));
    return this.ACTION(() => this.finishList(open, state, close));
  });

  /** A string (adjacent literals joined), a number, `-` number, an identifier, or `-` identifier. */
  private readonly scalar = this.RULE('scalar', (): ScalarNode | undefined => {
    return this.OR([
      { ALT: (): ScalarNode | undefined => this.SUBRULE(this.stringValue) },
      {
        ALT: (): ScalarNode | undefined => {
          const token = this.CONSUME(NumberLiteral);
          return this.ACTION(() => numberNode(token, undefined));
        },
      },
      { ALT: (): ScalarNode | undefined => this.SUBRULE(this.signedValue) },
      {
        ALT: (): ScalarNode | undefined => {
          const token = this.CONSUME(Identifier);
          return this.ACTION(() => identifierNode(token, undefined));
        },
      },
    ]);
  });

  private readonly stringValue = this.RULE('stringValue', (): StringNode => {
    const parts: IToken[] = [];
    this.AT_LEAST_ONE(() => {
      const part = this.CONSUME(StringLiteral);
      this.ACTION(() => parts.push(part));
    });
    return this.ACTION(() => stringNode(parts));
  });

  /** The sign may be separated from its number by spaces and comments, as protobuf allows. */
  private readonly signedValue = this.RULE('signedValue', (): ScalarNode | undefined => {
    const minus = this.CONSUME(Minus);
    return this.OR([
      {
        ALT: (): ScalarNode | undefined => {
          const token = this.CONSUME(NumberLiteral);
          return this.ACTION(() => numberNode(token, minus));
        },
      },
      {
        GATE: () => !this.identifierStartsField(),
        ALT: (): ScalarNode | undefined => {
          const token = this.CONSUME(Identifier);
          return this.ACTION(() => identifierNode(token, minus));
        },
      },
      {
        ALT: (): ScalarNode | undefined => {
          const value = this.SUBRULE(this.stringValue);
          this.ACTION(() =>
            this.report(minus, tokenSpan(minus), SyntaxCode.unexpectedToken, grammarMessages.signBeforeString()),
          );
          return value;
        },
      },
      {
        ALT: (): ScalarNode | undefined =>
          this.ACTION(() => {
            const got = this.LA(1);
            this.report(got, tokenSpan(minus), SyntaxCode.unexpectedToken, grammarMessages.signWithoutNumber(describe(got)));
            return undefined;
          }),
      },
    ]);
  });

  /** A token that cannot start a field, where a field should start; a `{...}` is read and dropped. */
  private readonly strayItem = this.RULE('strayItem', (depth: number): void => {
    const before = this.LA(0);
    const first = this.LA(1);
    this.OR([
      { ALT: () => this.SUBRULE(this.message, { ARGS: [depth + 1] }) },
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
    this.ACTION(() => this.onStray(before, first));
  });

  /** A `}` or `>` at the top level, where no block is open. */
  private readonly strayCloser = this.RULE('strayCloser', (): void => {
    const before = this.LA(0);
    const first = this.LA(1);
    this.OR([{ ALT: () => this.CONSUME(RCurly) }, { ALT: () => this.CONSUME(RAngle) }]);
    this.ACTION(() => this.onStray(before, first));
  });

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

  /**
   * The indentation a block's lines must exceed, or -1 when indentation is not used: outside the
   * second pass, and for blocks whose first line is not indented deeper than their opener (a file
   * written flush left says nothing through its indentation).
   */
  private blockIndentation(open: IToken): number {
    if (!this.settings.indentationRecovery) return -1;
    const indentation = lineIndentation(this.settings.text, open.startOffset);
    const first = this.LA(1);
    if (first.tokenType === EOF || first.tokenType === RCurly || first.tokenType === RAngle) return indentation;
    const column = leadingColumn(this.settings.text, first.startOffset);
    return column >= 0 && column <= indentation ? -1 : indentation;
  }

  /** In the second pass, a line starting no deeper than the block's opener line ends the block. */
  private blockEndsByIndentation(indentation: number): boolean {
    if (indentation < 0) return false;
    const next = this.LA(1);
    if (next.tokenType === EOF) return false;
    const column = leadingColumn(this.settings.text, next.startOffset);
    if (column < 0) return false;
    const isCloser = next.tokenType === RCurly || next.tokenType === RAngle;
    return isCloser ? column < indentation : column <= indentation;
  }

  // ---- actions -----------------------------------------------------------------------------

  /**
   * Records an error unless `blamed` already carries one: it was named by an earlier error, it is
   * itself lexically broken, or it directly follows a lexical error.
   */
  private report(blamed: IToken, span: Span, code: SyntaxCode, message: string, related?: Diagnostic['related']): void {
    if (blamed.tokenType !== EOF) {
      if (blamed === this.blamedToken || isLexicallyBroken(blamed)) return;
      if (this.settings.lexicalErrorEnds.has(blamed.startOffset)) return;
      this.blamedToken = blamed;
    }
    const diagnostic = syntaxError(span, code, message);
    if (related) diagnostic.related = related;
    this.problems.push(diagnostic);
  }

  private reportMissingValue(name: FieldNameNode, colon: IToken | undefined): undefined {
    const got = this.LA(1);
    const span = { start: name.span.start, end: colon ? tokenEnd(colon) : name.span.end };
    const message = colon
      ? grammarMessages.missingValueAfterColon(name.text, describe(got))
      : grammarMessages.missingValueNoColon(name.text, describe(got));
    this.report(got, span, SyntaxCode.unexpectedToken, message);
    return undefined;
  }

  private onStray(before: IToken, first: IToken): void {
    const continuesRun = this.strayRunEnd !== undefined && before === this.strayRunEnd;
    this.strayRunEnd = this.LA(0);
    if (first.tokenType === RBracket && this.listsLeftOpen > 0) {
      this.listsLeftOpen--;
      return;
    }
    if (continuesRun) return;
    const got = describe(first);
    const message = STRAY_MESSAGES.get(first.tokenType)?.(got, before) ?? grammarMessages.strayToken(got);
    this.report(first, tokenSpan(first), SyntaxCode.unexpectedToken, message);
  }

  private finishBracketedName(open: IToken, parts: IToken[], close: IToken | undefined): FieldNameNode {
    // Expect identifier, separator, identifier, ...; report the first token out of place.
    let misplaced: IToken | undefined;
    parts.forEach((part, i) => {
      const wantIdentifier = i % 2 === 0;
      if (!misplaced && (part.tokenType === Identifier) !== wantIdentifier) misplaced = part;
    });
    if (!misplaced && parts.length % 2 === 0) misplaced = close ?? this.LA(1);
    if (misplaced) {
      const span = misplaced.tokenType === EOF ? tokenSpan(open) : tokenSpan(misplaced);
      this.report(misplaced, span, SyntaxCode.unexpectedToken, grammarMessages.extensionNamePart(describe(misplaced)));
    } else if (!close) {
      const got = this.LA(1);
      this.report(got, tokenSpan(open), SyntaxCode.unclosedDelimiter, grammarMessages.unclosedExtensionName(describe(got)));
    }
    const end = close ? tokenEnd(close) : this.lastConsumedEnd();
    const text = parts.map((part) => part.image).join('');
    const form = parts.some((part) => part.tokenType === Slash) ? 'any' : 'extension';
    return { span: { start: open.startOffset, end }, form, text };
  }

  private finishMessage(open: IToken, fields: FieldNode[], close: IToken | undefined): MessageNode {
    if (close && close.tokenType !== CLOSER_OF.get(open.tokenType)) {
      const message = grammarMessages.mismatchedCloser(open.image, close.image);
      this.report(close, tokenSpan(close), SyntaxCode.unexpectedToken, message);
    }
    if (!close) this.reportUnclosed(open);
    const end = close ? tokenEnd(close) : this.lastConsumedEnd();
    return {
      kind: 'message',
      span: { start: open.startOffset, end },
      open: open.image === '<' ? '<' : '{',
      closed: close !== undefined,
      fields,
    };
  }

  /** At the end of the file, or (second pass) where the indentation says the block ended. */
  private reportUnclosed(open: IToken): void {
    const next = this.LA(1);
    // A string left open inside the block read its closer as text: the string is the mistake.
    if (this.hasUnterminatedStringBetween(open.startOffset, next.tokenType === EOF ? Infinity : next.startOffset)) {
      if (next.tokenType === EOF) this.unclosedAtEnd++;
      return;
    }
    if (next.tokenType === EOF) {
      this.unclosedAtEnd++;
      if (this.endedInsideSkippedBlock) return; // the too-deep block that swallowed the rest is the cause
      const span = tokenSpan(open);
      this.problems.push(syntaxError(span, SyntaxCode.unclosedDelimiter, grammarMessages.unclosedAtEndOfFile(open.image)));
      return;
    }
    const message = grammarMessages.unclosedByIndentation(open.image, describe(next));
    const related = [{ span: tokenSpan(next), message: grammarMessages.blockEndsHere() }];
    this.report(next, tokenSpan(open), SyntaxCode.unclosedDelimiter, message, related);
  }

  private onListComma(state: ListState, comma: IToken, alreadyReported = false): void {
    if (state.expectingItem && !alreadyReported) {
      this.report(comma, tokenSpan(comma), SyntaxCode.unexpectedToken, grammarMessages.emptyListItem(comma.image));
    }
    state.lastCommaReported = state.expectingItem || alreadyReported;
    state.expectingItem = true;
    state.sawComma = true;
  }

  private onListItem(state: ListState, first: IToken, item: ScalarNode | MessageNode | undefined): void {
    if (!state.expectingItem && !state.missingCommaReported) {
      state.missingCommaReported = true;
      this.report(first, tokenSpan(first), SyntaxCode.unexpectedToken, grammarMessages.missingComma(describe(first)));
    }
    state.expectingItem = false;
    if (item) state.items.push(item);
  }

  private finishList(open: IToken, state: ListState, close: IToken | undefined): ListNode {
    if (close && state.expectingItem && state.sawComma && !state.lastCommaReported) {
      this.report(close, tokenSpan(close), SyntaxCode.unexpectedToken, grammarMessages.trailingComma());
    }
    if (!close) {
      const next = this.LA(1);
      if (next.tokenType === EOF) {
        this.reportUnclosed(open);
      } else {
        this.listsLeftOpen++;
        this.report(next, tokenSpan(open), SyntaxCode.unclosedDelimiter, grammarMessages.unclosedList(describe(next)));
      }
    }
    const end = close ? tokenEnd(close) : this.lastConsumedEnd();
    return { kind: 'list', span: { start: open.startOffset, end }, items: state.items, closed: close !== undefined };
  }

  private hasUnterminatedStringBetween(start: number, end: number): boolean {
    const starts = this.settings.unterminatedStrings;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] < start) lo = mid + 1;
      else hi = mid;
    }
    return lo < starts.length && starts[lo] < end;
  }

  // ---- nesting guard -----------------------------------------------------------------------

  private skipTooDeep(open: IToken): SkippedBlock {
    this.problems.push(
      syntaxError(tokenSpan(open), SyntaxCode.nestingTooDeep, grammarMessages.nestingTooDeep(MAX_NESTING_DEPTH)),
    );
    const skipped = skipBalancedBlock(this.cursor);
    if (!skipped.closer) this.endedInsideSkippedBlock = true;
    return skipped;
  }

  private skipTooDeepMessage(open: IToken): MessageNode {
    const skipped = this.skipTooDeep(open);
    return {
      kind: 'message',
      span: { start: open.startOffset, end: tokenEnd(skipped.last ?? open) },
      open: open.image === '<' ? '<' : '{',
      closed: skipped.closer !== undefined,
      fields: [],
    };
  }

  private skipTooDeepList(open: IToken): ListNode {
    const skipped = this.skipTooDeep(open);
    const end = tokenEnd(skipped.last ?? open);
    return { kind: 'list', span: { start: open.startOffset, end }, items: [], closed: skipped.closer !== undefined };
  }

  private readonly cursor = { peek: () => this.LA(1), advance: () => void this.SKIP_TOKEN() };

  // ---- positions ---------------------------------------------------------------------------

  private lastConsumedEnd(): number {
    const last = this.LA(0);
    return last.tokenType === EOF ? 0 : tokenEnd(last);
  }

  private endOfInput(): Span {
    const end = this.settings.text.length;
    return { start: end, end };
  }
}
