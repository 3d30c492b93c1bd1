import type { CodeAction } from 'vscode-languageserver/node';
import { guarded, type ServerContext } from '../context';
import { toCodeAction, toLspDiagnostic } from '../convert';

/** Quick fixes: the fixes each core diagnostic carries, for the diagnostics in the requested range. */
export function registerCodeActions(ctx: ServerContext): void {
  ctx.connection.onCodeAction(
    guarded(ctx, 'codeAction', [] as CodeAction[], (params) => {
      const uri = params.textDocument.uri;
      const a = ctx.analysisOf(uri);
      if (!a) return [];
      const start = a.lines.offsetAt(params.range.start);
      const end = a.lines.offsetAt(params.range.end);
      const actions: CodeAction[] = [];
      for (const d of a.diagnostics) {
        if (!d.fixes?.length || d.span.end < start || d.span.start > end) continue;
        const lsp = toLspDiagnostic(a.lines, uri, d);
        for (const fix of d.fixes) actions.push(toCodeAction(a.lines, uri, fix, lsp));
      }
      return actions;
    }),
  );
}
