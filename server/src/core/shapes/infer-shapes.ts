/**
 * The shapes stage: walks the active layers in Caffe's order, giving each layer's rule the current
 * shapes of its bottoms and recording its tops (an in-place layer overwrites its blob). Unknown in,
 * unknown out; a failed Caffe CHECK becomes one error and unknown tops. Shapes the user states (the
 * prototxtLens.inputShapes setting or a `# prototxt-lens: shape` comment) replace what the blob's
 * producing layer gives, and stand in for blobs nothing produces.
 */
import type { Diagnostic } from '../diagnostics';
import type { LayerModel, NetModel } from '../net/model';
import type { Span } from '../text/span';
import { layerSpan, ShapeCheckError, topSpan } from './check';
import { compatible, formatDims, isKnown, known } from './dims';
import { shapeRuleFor } from './shape-table';
import type { Dims, LayerShapes, ShapeResult, ShapeRuleOutput } from './types';

export interface InferShapesOptions {
  /** Where a stated shape is written in the file (a comment directive), for findings about it. */
  statedAt?: ReadonlyMap<string, Span>;
  /**
   * Errors of the earlier stages (syntax, schema). A layer holding one is not what its author
   * meant, and Caffe would stop before building it: its shapes stay unknown, unreported.
   */
  earlierErrors?: readonly Diagnostic[];
}

/** Only well-formed statements count: arrays of whole, non-negative numbers. */
function readStated(inputShapes: Record<string, unknown>): Map<string, Dims> {
  const out = new Map<string, Dims>();
  for (const [name, dims] of Object.entries(inputShapes ?? {})) {
    if (Array.isArray(dims) && dims.every((d) => Number.isInteger(d) && d >= 0)) out.set(name, [...dims]);
  }
  return out;
}

function runRule(layer: LayerModel, bottoms: (Dims | undefined)[], diagnostics: Diagnostic[]): ShapeRuleOutput {
  const rule = shapeRuleFor(layer.type);
  if (!rule) {
    const what = layer.type ? `layer type '${layer.type}', which BVLC Caffe does not define` : 'a layer type BVLC Caffe does not define';
    return { tops: layer.tops.map(() => undefined), unknownReason: `Prototxt Lens has no shape rule for ${what}` };
  }
  try {
    const out = rule({ layer, bottoms });
    diagnostics.push(...(out.diagnostics ?? []));
    return out;
  } catch (e) {
    if (!(e instanceof ShapeCheckError)) throw e;
    diagnostics.push({ span: e.span ?? layerSpan(layer), severity: 'error', code: e.code, message: `${e.message} (layer '${layer.name}', ${layer.type})` });
    return { tops: layer.tops.map(() => undefined) };
  }
}

function unknownShapeFinding(layer: LayerModel, i: number, dims: Dims | undefined, reason: string): Diagnostic {
  const name = layer.tops[i].name;
  const example = dims ? dims.map((d, j) => d ?? 'NCHW'[j] ?? 'D').join(',') : 'N,C,H,W';
  const what = dims ? `Shape of '${name}' is only partly known, ${formatDims(dims)}` : `Shape of '${name}' is unknown`;
  return {
    span: topSpan(layer, i),
    severity: 'information',
    code: 'unknown-shape',
    message: `${what}: ${reason}. State it with a comment '# prototxt-lens: shape ${name}=${example}' or the setting prototxtLens.inputShapes.`,
  };
}

/**
 * Layers whose shape rule is not run (and whose shapes are not reported): those the net stage
 * found with the wrong number of bottoms or tops (Caffe stops at Layer::CheckBlobCounts before any
 * Reshape), and those holding a syntax or schema error (a misspelt kernel_size must not also read
 * as a missing one).
 */
function blockedLayers(net: NetModel, earlierErrors: readonly Diagnostic[]): (layer: LayerModel) => boolean {
  const counts = net.diagnostics.filter((d) => d.code === 'bottom-count' || d.code === 'top-count');
  const starts = [...counts, ...earlierErrors.filter((d) => d.severity === 'error')].map((d) => d.span.start).sort((a, b) => a - b);
  if (starts.length === 0) return () => false;
  // Binary search for the first error at or after the layer's start: a file with errors in every
  // layer stays linear.
  return (layer) => {
    if (!layer.span) return false;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] < layer.span.start) lo = mid + 1;
      else hi = mid;
    }
    return lo < starts.length && starts[lo] < layer.span.end;
  };
}

export function inferShapes(net: NetModel, inputShapes: Record<string, number[]> = {}, options: InferShapesOptions = {}): ShapeResult {
  const stated = readStated(inputShapes);
  const blocked = blockedLayers(net, options.earlierErrors ?? []);
  const blobs = new Map<string, Dims | undefined>();
  const layers: LayerShapes[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const layer of net.layers) {
    const bottomDims = layer.bottoms.map((b) => (blobs.has(b.name) ? blobs.get(b.name) : stated.get(b.name)));
    let out: ShapeRuleOutput;
    try {
      out = blocked(layer) ? { tops: layer.tops.map(() => undefined) } : runRule(layer, bottomDims, diagnostics);
    } catch {
      // A rule bug must not take the editor down: the layer's tops just stay unknown.
      out = { tops: layer.tops.map(() => undefined) };
    }
    const topDims = layer.tops.map((_, i) => out.tops[i]);
    const statedTops = layer.tops.map((t, i) => {
      const s = stated.get(t.name);
      if (!s || blobs.has(t.name)) return false;
      const computed = topDims[i];
      if (computed && !compatible(computed, s)) {
        diagnostics.push({
          span: options.statedAt?.get(t.name) ?? topSpan(layer, i),
          severity: 'warning',
          code: 'stated-shape-mismatch',
          message: `The shape stated for '${t.name}', ${formatDims(s)}, differs from what Caffe computes, ${formatDims(computed)}; the stated shape is used.`,
        });
      }
      topDims[i] = s;
      return true;
    });
    // Net-level inputs without a shape already have the net stage's error.
    if (out.unknownReason && bottomDims.every(isKnown) && layer.format !== 'input') {
      topDims.forEach((d, i) => {
        if (!statedTops[i] && !isKnown(d)) diagnostics.push(unknownShapeFinding(layer, i, d, out.unknownReason!));
      });
    }
    layer.tops.forEach((t, i) => blobs.set(t.name, topDims[i]));
    layers.push({
      layer,
      bottoms: bottomDims.map(known),
      tops: topDims.map(known),
      bottomDims,
      topDims,
      params: out.params ?? [],
      statedTops,
    });
  }
  const knownBlobs = new Map([...blobs].map(([name, d]) => [name, known(d)] as const));
  diagnostics.sort((a, b) => a.span.start - b.span.start);
  return { layers, blobs: knownBlobs, blobDims: blobs, diagnostics };
}
