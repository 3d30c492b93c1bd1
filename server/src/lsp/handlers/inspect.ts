import { inspectReport } from '../../core/features/inspect-report';
import type { InspectParams, InspectResult } from '../../protocol';
import { InspectRequestMethod } from '../../protocol';
import { guarded, type ServerContext } from '../context';

export function registerInspect(ctx: ServerContext): void {
  ctx.connection.onRequest(
    InspectRequestMethod,
    guarded(ctx, 'inspect', null as InspectResult, (params: InspectParams) => {
      const a = ctx.analysisOf(params?.uri);
      return a ? (inspectReport(a) as InspectResult) : null;
    }),
  );
}
