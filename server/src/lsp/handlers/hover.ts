import { MarkupKind, type Hover } from 'vscode-languageserver/node';
import { hoverAt } from '../../core/features/hover';
import { guarded, type ServerContext } from '../context';
import { toRange } from '../convert';

export function registerHover(ctx: ServerContext): void {
  ctx.connection.onHover(
    guarded(ctx, 'hover', null as Hover | null, (params) => {
      const a = ctx.analysisOf(params.textDocument.uri);
      if (!a) return null;
      const offset = a.lines.offsetAt(params.position);
      const h = hoverAt(a, offset);
      if (!h) return null;
      return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: toRange(a.lines, h.span) };
    }),
  );
}
