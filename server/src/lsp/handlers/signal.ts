/**
 * `prototxtLens/signal`: the variance preview's data for an open document — the as-written run from
 * the analysis cache plus the requested schemes (default xavier, msra, glorot), computed once per
 * analysis. Unknown scheme names are left out; an unknown document answers null.
 */
import { parseScheme, STANDARD_SCHEMES, type Scheme } from '../../core/signal/schemes';
import { signalReport } from '../../core/signal/signal-report';
import type { SignalParams, SignalResult } from '../../protocol';
import { SignalRequestMethod } from '../../protocol';
import { guarded, type ServerContext } from '../context';

function requestedSchemes(params: SignalParams | undefined): Scheme[] {
  if (!Array.isArray(params?.schemes)) return [...STANDARD_SCHEMES];
  const out: Scheme[] = [];
  for (const id of params.schemes) {
    const s = typeof id === 'string' ? parseScheme(id) : undefined;
    if (s && !out.some((x) => x.id === s.id)) out.push(s);
  }
  return out;
}

export function registerSignal(ctx: ServerContext): void {
  ctx.connection.onRequest(
    SignalRequestMethod,
    guarded(ctx, 'signal', null as SignalResult | null, (params: SignalParams) => {
      const uri = params?.uri;
      const doc = typeof uri === 'string' ? ctx.documents.get(uri) : undefined;
      const a = doc && ctx.analysisOf(uri);
      if (!doc || !a) return null;
      const result: SignalResult = { uri, version: doc.version, ...signalReport(a, requestedSchemes(params)) };
      return result;
    }),
  );
}
