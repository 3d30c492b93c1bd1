import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver/node';
import { foldingRegions } from '../../core/features/folding';
import { guarded, type ServerContext } from '../context';

export function registerFolding(ctx: ServerContext): void {
  ctx.connection.onFoldingRanges(
    guarded(ctx, 'foldingRange', [] as FoldingRange[], (params) => {
      const a = ctx.analysisOf(params.textDocument.uri);
      if (!a) return [];
      return foldingRegions(a).map((r) => ({
        startLine: r.startLine,
        endLine: r.endLine,
        kind: r.kind === 'comment' ? FoldingRangeKind.Comment : FoldingRangeKind.Region,
      }));
    }),
  );
}
