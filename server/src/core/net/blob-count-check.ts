/**
 * Layer::CheckBlobCounts (include/caffe/layer.hpp): the numbers of bottoms and tops against the
 * limits the layer type declares (layer-types.ts), in Caffe's words. Tops that AutoTopBlobs adds
 * count, as they do in Net::Init. Applies to every layer of a known type, whatever the phase.
 */
import type { Diagnostic } from '../diagnostics';
import type { Span } from '../text/span';
import { effectiveTopCount } from './layer-model';
import { blobCounts, layerTypeInfo, type BlobCounts } from './layer-types';
import type { BlobRef, LayerModel } from './model';

interface Limit {
  test: (c: BlobCounts, n: number) => boolean;
  words: (c: BlobCounts) => string;
}

const BOTTOM_LIMITS: Limit[] = [
  { test: (c, n) => c.exactBottoms === undefined || n === c.exactBottoms, words: (c) => `takes ${c.exactBottoms} bottom blob(s) as input.` },
  { test: (c, n) => c.minBottoms === undefined || n >= c.minBottoms, words: (c) => `takes at least ${c.minBottoms} bottom blob(s) as input.` },
  { test: (c, n) => c.maxBottoms === undefined || n <= c.maxBottoms, words: (c) => `takes at most ${c.maxBottoms} bottom blob(s) as input.` },
];

const TOP_LIMITS: Limit[] = [
  { test: (c, n) => c.exactTops === undefined || n === c.exactTops, words: (c) => `produces ${c.exactTops} top blob(s) as output.` },
  { test: (c, n) => c.minTops === undefined || n >= c.minTops, words: (c) => `produces at least ${c.minTops} top blob(s) as output.` },
  { test: (c, n) => c.maxTops === undefined || n <= c.maxTops, words: (c) => `produces at most ${c.maxTops} top blob(s) as output.` },
];

/** Too many: the first one too many; too few: the type (or the layer keyword). */
function where(layer: LayerModel, refs: BlobRef[], allowed: number, fallback: Span | undefined): Span | undefined {
  return (refs.length > allowed ? refs[allowed]?.span : undefined) ?? layer.typeSpan ?? fallback;
}

function allowedCount(c: BlobCounts, which: 'bottoms' | 'tops'): number {
  return which === 'bottoms' ? (c.exactBottoms ?? c.maxBottoms ?? Infinity) : (c.exactTops ?? c.maxTops ?? Infinity);
}

export function checkBlobCounts(layer: LayerModel, keywordSpan: Span | undefined): Diagnostic[] {
  const info = layerTypeInfo(layer.type);
  if (!info || layer.format === 'input') return [];
  const counts = blobCounts(info, layer.view);
  const out: Diagnostic[] = [];
  const report = (code: string, refs: BlobRef[], which: 'bottoms' | 'tops', n: number, words: string): void => {
    const span = where(layer, refs, allowedCount(counts, which), keywordSpan);
    if (span) out.push({ span, severity: 'error', code, message: `${layer.type} Layer ${words} Found ${n}.` });
  };
  const bottoms = layer.bottoms.length;
  const tops = effectiveTopCount(layer.view, layer.type, layer.tops.length);
  const bottomFailure = BOTTOM_LIMITS.find((l) => !l.test(counts, bottoms));
  if (bottomFailure) report('bottom-count', layer.bottoms, 'bottoms', bottoms, bottomFailure.words(counts));
  const topFailure = TOP_LIMITS.find((l) => !l.test(counts, tops));
  if (topFailure) {
    report('top-count', layer.tops, 'tops', tops, topFailure.words(counts));
  } else if (counts.equalBottomsTops && bottoms !== tops) {
    const span = where(layer, layer.tops, bottoms, keywordSpan);
    if (span) {
      out.push({
        span,
        severity: 'error',
        code: 'top-count',
        message: `${layer.type} Layer produces one top blob as output for each bottom blob input. Found ${bottoms} bottom(s) and ${tops} top(s).`,
      });
    }
  }
  return out;
}
