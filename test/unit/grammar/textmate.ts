/**
 * Loads the shipped TextMate grammar into vscode-textmate with the Oniguruma WASM engine, the same
 * pair VS Code tokenises with, and tokenises whole documents line by line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { repoRoot } from '../../helpers/paths';

export const grammarPath = join(repoRoot, 'syntaxes', 'prototxt.tmLanguage.json');

export interface Token {
  line: number;
  text: string;
  scopes: string[];
}

export interface Tokenised {
  tokens: Token[];
  /** Rule-stack depth after the last line: 1 when every block the grammar opened was closed. */
  endDepth: number;
  /** Lines where vscode-textmate gave up on the time limit (a runaway regex). */
  stoppedEarly: number[];
}

let grammar: Promise<vsctm.IGrammar> | undefined;

export function loadGrammar(): Promise<vsctm.IGrammar> {
  grammar ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName: string) =>
        scopeName === 'source.prototxt' ? vsctm.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath) : null,
    });
    const loaded = await registry.loadGrammar('source.prototxt');
    if (!loaded) throw new Error('source.prototxt did not load');
    return loaded;
  })();
  return grammar;
}

export function tokenise(g: vsctm.IGrammar, text: string, timeLimitMs = 1000): Tokenised {
  const tokens: Token[] = [];
  const stoppedEarly: number[] = [];
  let stack = vsctm.INITIAL;
  text.split(/\r?\n/).forEach((line, index) => {
    const result = g.tokenizeLine(line, stack, timeLimitMs);
    if (result.stoppedEarly) stoppedEarly.push(index + 1);
    for (const t of result.tokens) {
      tokens.push({ line: index + 1, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    }
    stack = result.ruleStack;
  });
  return { tokens, endDepth: stack.depth, stoppedEarly };
}

/** The innermost scopes of the token covering `column` on `line` (1-based line, 0-based column). */
export function scopesAt(g: vsctm.IGrammar, text: string, line: number, column: number): string[] {
  const lines = text.split(/\r?\n/);
  let stack = vsctm.INITIAL;
  for (let i = 0; i < line - 1; i++) stack = g.tokenizeLine(lines[i], stack).ruleStack;
  const t = g.tokenizeLine(lines[line - 1], stack).tokens.find((tok) => tok.startIndex <= column && column < tok.endIndex);
  return t ? t.scopes : [];
}
