/** Fillers in words for messages: `gaussian (std 0.01)`, `uniform [0, 1]`, `xavier (variance_norm AVERAGE)`. */
import type { FillerSpec } from '../init/filler-spec';
import { sig4 } from '../text/significant';
import type { Span } from '../text/span';

export function describeFiller(f: FillerSpec): string {
  switch (f.type) {
    case 'constant':
      return `constant ${sig4(f.value)}`;
    case 'uniform':
      return `uniform [${sig4(f.min)}, ${sig4(f.max)}]`;
    case 'gaussian': {
      const parts = [`std ${sig4(f.std)}`];
      if (f.mean !== 0) parts.unshift(`mean ${sig4(f.mean)}`);
      if (f.sparse >= 0) parts.push(`sparse ${f.sparse}`);
      return `gaussian (${parts.join(', ')})`;
    }
    case 'xavier':
    case 'msra':
      return f.varianceNorm === 'FAN_IN' ? f.type : `${f.type} (variance_norm ${f.varianceNorm})`;
    default:
      return f.type;
  }
}

/** Where to point at a filler's scale: the field that sets it when written, else the filler's name. */
export function scaleSpan(f: FillerSpec): Span | undefined {
  const fields = f.type === 'gaussian' ? ['std'] : f.type === 'uniform' ? ['max', 'min'] : f.type === 'constant' ? ['value'] : [];
  for (const name of fields) {
    const span = f.view.nameSpan(name);
    if (span && f.written) return { start: span.start, end: f.view.fieldSpan(name)!.end };
  }
  return f.nameSpan;
}
