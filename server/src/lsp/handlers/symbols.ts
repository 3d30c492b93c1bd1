import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver/node';
import { documentSymbols, type OutlineKind, type OutlineSymbol } from '../../core/features/symbols';
import type { LineIndex } from '../../core/text/line-index';
import { guarded, type ServerContext } from '../context';
import { toRange } from '../convert';

const KIND: Record<OutlineKind, SymbolKind> = {
  layer: SymbolKind.Class,
  message: SymbolKind.Object,
  field: SymbolKind.Property,
  list: SymbolKind.Array,
};

function convert(lines: LineIndex, s: OutlineSymbol): DocumentSymbol {
  return {
    name: s.name,
    detail: s.detail,
    kind: KIND[s.kind],
    range: toRange(lines, s.span),
    selectionRange: toRange(lines, s.selectionSpan),
    children: s.children.map((c) => convert(lines, c)),
  };
}

export function registerSymbols(ctx: ServerContext): void {
  ctx.connection.onDocumentSymbol(
    guarded(ctx, 'documentSymbol', [] as DocumentSymbol[], (params) => {
      const a = ctx.analysisOf(params.textDocument.uri);
      return a ? documentSymbols(a).map((s) => convert(a.lines, s)) : [];
    }),
  );
}
