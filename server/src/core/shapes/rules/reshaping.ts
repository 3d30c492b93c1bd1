/**
 * Layers that rearrange, join, split or reduce axes. Each follows its Reshape in
 * src/caffe/layers/<name>_layer.cpp, with the CHECK wording Caffe prints.
 */
import type { LayerModel } from '../../net/model';
import type { MessageView } from '../../schema/message-view';
import { at, bottomSpan, canonicalAxis, check, checkEq, fail, fieldSpan, layerSpan } from '../check';
import { add, count, formatDims, merge, mul } from '../dims';
import type { Dim, Dims, ShapeRule, ShapeRuleOutput } from '../types';

const unknownTops = (layer: LayerModel): ShapeRuleOutput => ({ tops: layer.tops.map(() => undefined) });

/** reshape_layer.cpp: 0 copies the bottom axis, one −1 is inferred, axis/num_axes pick the span replaced. */
export const reshape: ShapeRule = ({ layer, bottoms }) => {
  const p = layer.view.message('reshape_param');
  const shapeView = p.message('shape');
  const spec = shapeView.numbers('dim');
  const specSpan = at(layer, p, 'shape');
  check(spec.filter((d) => d === -1).length <= 1, 'shape-check', 'new shape contains multiple -1 dims; at most a single (1) value of -1 may be specified', specSpan);
  const b = bottoms[0];
  if (!b) return unknownTops(layer);
  const axisIn = p.number('axis');
  const start = axisIn >= 0 ? axisIn : b.length + axisIn + 1;
  check(start >= 0, 'shape-check', () => `axis ${axisIn} out of range`, at(layer, p, 'axis'));
  check(start <= b.length, 'shape-check', () => `axis ${axisIn} out of range for ${b.length}-D input blob`, at(layer, p, 'axis'));
  const numAxes = p.number('num_axes');
  check(numAxes >= -1, 'shape-check', 'num_axes must be >= 0, or -1 for all', at(layer, p, 'num_axes'));
  const end = numAxes === -1 ? b.length : start + numAxes;
  check(end <= b.length, 'shape-check', 'end_axis = axis + num_axes is out of range', at(layer, p, 'num_axes'));
  const top: Dims = [...b.slice(0, start), ...spec, ...b.slice(end)];
  spec.forEach((d, i) => {
    if (d !== 0) return;
    check(b.length > start + i, 'shape-check', 'new shape contains a 0, but there was no corresponding bottom axis to copy', specSpan);
    top[start + i] = b[start + i];
  });
  const bottomCount = count(b);
  const inferred = spec.indexOf(-1);
  if (inferred >= 0) {
    const explicit = mul(count(b, 0, start), count(b, end), ...spec.map((d, i) => (d === -1 ? 1 : d === 0 ? top[start + i] : d)));
    let dim: Dim = null;
    if (explicit !== null && bottomCount !== null) {
      check(explicit !== 0 && bottomCount % explicit === 0, 'reshape-count-mismatch', () => `bottom count (${bottomCount}) must be divisible by the product of the specified dimensions (${explicit})`, specSpan);
      dim = bottomCount / explicit;
    }
    top[start + inferred] = dim;
  }
  for (const d of top) check(d === null || d >= 0, 'shape-check', () => `Blob dimensions must be non-negative: ${formatDims(top)}.`, specSpan);
  const topCount = count(top);
  if (topCount !== null && bottomCount !== null) {
    check(
      topCount === bottomCount,
      'reshape-count-mismatch',
      () => `output count must match input count: ${formatDims(b)} has ${bottomCount} elements, ${formatDims(top)} has ${topCount}.`,
      specSpan,
    );
  }
  return { tops: [top] };
};

/** flatten_layer.cpp: axes [axis, end_axis] become one. */
export const flatten: ShapeRule = ({ layer, bottoms }) => {
  const p = layer.view.message('flatten_param');
  check(layer.bottoms[0]?.name !== layer.tops[0]?.name, 'shape-check', 'Flatten layer does not allow in-place computation.', layerSpan(layer));
  const b = bottoms[0];
  if (!b) return unknownTops(layer);
  const start = canonicalAxis(p.number('axis'), b, at(layer, p, 'axis'));
  const end = canonicalAxis(p.number('end_axis'), b, at(layer, p, 'end_axis'));
  return { tops: [[...b.slice(0, start), count(b, start, end + 1), ...b.slice(end + 1)]] };
};

/** Concat's and Slice's axis: the legacy uint32 field (no negative indexing) when set, else `axis`. */
function legacyOrAxis(layer: LayerModel, p: MessageView, legacy: 'concat_dim' | 'slice_dim', b: Dims | undefined): number | undefined {
  check(!(p.has('axis') && p.has(legacy)), 'shape-check', () => `Either axis or ${legacy} should be specified; not both.`, at(layer, p, legacy));
  if (!b) return undefined;
  if (!p.has(legacy)) return canonicalAxis(p.number('axis'), b, at(layer, p, 'axis'));
  const axis = p.number(legacy);
  check(axis < b.length, 'shape-check', () => `${legacy} out of range.`, at(layer, p, legacy));
  return axis;
}

/** concat_layer.cpp: legacy concat_dim, else axis; every other axis must agree. */
export const concat: ShapeRule = ({ layer, bottoms }) => {
  const p = layer.view.message('concat_param');
  const b0 = bottoms[0];
  const axis = legacyOrAxis(layer, p, 'concat_dim', b0);
  if (!b0 || axis === undefined) return unknownTops(layer);
  let top: Dims = [...b0];
  for (let i = 1; i < bottoms.length; i++) {
    const bi = bottoms[i];
    if (!bi) return unknownTops(layer);
    check(bi.length === b0.length, 'shape-mismatch', () => `All inputs must have the same #axes: bottom[0] is ${formatDims(b0)}, bottom[${i}] is ${formatDims(bi)}.`, () => bottomSpan(layer, i));
    bi.forEach((d, j) => {
      if (j === axis) return;
      checkEq(top[j], d, 'shape-mismatch', () => `All inputs must have the same shape, except at concat_axis (${axis}): bottom[0] is ${formatDims(b0)}, bottom[${i}] is ${formatDims(bi)}, which differ at axis ${j}.`, () => bottomSpan(layer, i));
    });
    top = merge(top, bi.map((d, j) => (j === axis ? top[j] : d)));
    top[axis] = add(top[axis], bi[axis]);
  }
  return { tops: [top] };
};

/** slice_layer.cpp: slice points cut the axis; without them it splits evenly among the tops. */
export const slice: ShapeRule = ({ layer, bottoms }) => {
  const p = layer.view.message('slice_param');
  const b = bottoms[0];
  const axis = legacyOrAxis(layer, p, 'slice_dim', b);
  if (!b || axis === undefined) return unknownTops(layer);
  const size = b[axis];
  const points = p.numbers('slice_point');
  const n = layer.tops.length;
  const pointSpan = at(layer, p, 'slice_point');
  let sizes: Dim[];
  if (points.length > 0) {
    check(points.length === n - 1, 'shape-check', () => `${points.length} slice points need ${points.length + 1} tops, not ${n} (Check failed: slice_point_.size() == top.size() - 1).`, pointSpan);
    if (size !== null) check(n <= size, 'shape-check', () => `${n} tops cannot slice an axis of size ${size} (Check failed: top.size() <= bottom_slice_axis).`, pointSpan);
    let prev = 0;
    sizes = points.map((pt) => {
      check(pt > prev, 'shape-check', () => `Slice points must increase: ${pt} follows ${prev} (Check failed: slice_point_[i] > prev).`, pointSpan);
      const s = pt - prev;
      prev = pt;
      return s;
    });
    if (size !== null) check(prev < size, 'shape-check', () => `Slice point ${prev} is beyond the input's size ${size} along axis ${axis}.`, pointSpan);
    sizes.push(size === null ? null : size - prev);
  } else {
    if (size !== null) {
      check(size % n === 0, 'shape-check', () => `Number of top blobs (${n}) should evenly divide input slice axis (${size})`, layerSpan(layer));
    }
    sizes = layer.tops.map(() => (size === null ? null : size / n));
  }
  return { tops: sizes.map((s) => b.map((d, j) => (j === axis ? s : d))) };
};

/** crop_layer.cpp: axes from `axis` on take bottom[1]'s sizes, shifted by one offset or one per axis. */
export const crop: ShapeRule = ({ layer, bottoms }) => {
  const p = layer.view.message('crop_param');
  check(layer.bottoms.length === 2, 'shape-check', 'Wrong number of bottom blobs.', layerSpan(layer));
  const [b0, b1] = bottoms;
  if (!b0 || !b1) return unknownTops(layer);
  const start = canonicalAxis(p.number('axis'), b0, at(layer, p, 'axis'));
  const offsets = p.numbers('offset');
  if (offsets.length > 1) {
    check(
      start + offsets.length === b0.length,
      'shape-check',
      () => `number of offset values specified must be equal to the number of dimensions following axis (${offsets.length} offsets, ${b0.length - start} axes from axis ${start}).`,
      at(layer, p, 'offset'),
    );
  }
  check(b1.length >= b0.length, 'shape-mismatch', () => `The reference bottom ${formatDims(b1)} has fewer axes than the cropped one ${formatDims(b0)}.`, () => bottomSpan(layer, 1));
  const top = b0.map((d, i) => {
    if (i < start) return d;
    const offset = offsets.length === 0 ? 0 : offsets[offsets.length === 1 ? 0 : i - start];
    const want = b1[i];
    if (d !== null && want !== null && d - offset < want) {
      fail('crop-out-of-bounds', () => `the crop for dimension ${i} is out-of-bounds with size ${want} and offset ${offset} (the input has ${d}).`, () => (offsets.length ? fieldSpan(layer, p, 'offset') : bottomSpan(layer, 1)));
    }
    return want;
  });
  return { tops: [top] };
};

/** tile_layer.cpp: axis `axis` repeated `tiles` times. */
export const tile: ShapeRule = ({ layer, bottoms }) => {
  const p = layer.view.message('tile_param');
  check(p.has('tiles'), 'shape-check', 'Number of tiles must be specified', p.span ?? layerSpan(layer));
  const tiles = p.number('tiles');
  check(tiles > 0, 'shape-check', 'Number of tiles must be positive.', at(layer, p, 'tiles'));
  const b = bottoms[0];
  if (!b) return unknownTops(layer);
  const axis = canonicalAxis(p.number('axis'), b, at(layer, p, 'axis'));
  return { tops: [b.map((d, i) => (i === axis ? mul(d, tiles) : d))] };
};

/** batch_reindex_layer.cpp: bottom[1] (1-D indices) picks the items. */
export const batchReindex: ShapeRule = ({ layer, bottoms }) => {
  const [b0, b1] = bottoms;
  if (!b0 || !b1) return unknownTops(layer);
  check(b1.length === 1, 'shape-check', () => `The index bottom must have 1 axis, it has ${b1.length} (Check failed: 1 == bottom[1]->num_axes()).`, () => bottomSpan(layer, 1));
  return { tops: [[b1[0], ...b0.slice(1)]] };
};

/** filter_layer.cpp: keeps the items whose selector (last bottom) is non-zero — a count only data knows. */
export const filter: ShapeRule = ({ layer, bottoms }) => {
  check(layer.tops.length === layer.bottoms.length - 1, 'shape-check', () => `Filter needs one top per filtered bottom: ${layer.bottoms.length - 1} bottoms to filter, ${layer.tops.length} tops.`, layerSpan(layer));
  const sel = bottoms[bottoms.length - 1];
  if (sel) {
    sel.slice(1).forEach((d) => checkEq(d, 1, 'shape-check', 'Selector blob dimensions must be singletons (1), except the first', () => bottomSpan(layer, bottoms.length - 1)));
    bottoms.slice(0, -1).forEach((b, i) => {
      if (b) checkEq(sel[0], b[0], 'shape-mismatch', 'Each bottom should have the same 0th dimension as the selector blob', () => bottomSpan(layer, i));
    });
  }
  return {
    tops: layer.tops.map((_, i) => {
      const b = bottoms[i];
      return b ? [null, ...b.slice(1)] : undefined;
    }),
    unknownReason: 'Filter keeps as many items as its selector has non-zero entries, which only the data tells',
  };
};

/** reduction_layer.cpp: the axes from `axis` on collapse; axis 0 gives a scalar. */
export const reduction: ShapeRule = ({ layer, bottoms }) => {
  const b = bottoms[0];
  if (!b) return unknownTops(layer);
  const p = layer.view.message('reduction_param');
  const axis = canonicalAxis(p.number('axis'), b, at(layer, p, 'axis'));
  return { tops: [b.slice(0, axis)] };
};

/** argmax_layer.cpp: top_k along `axis`; without an axis, (N, 1 or 2, top_k) padded to the bottom's rank. */
export const argMax: ShapeRule = ({ layer, bottoms }) => {
  const p = layer.view.message('argmax_param');
  const k = p.number('top_k');
  check(k >= 1, 'shape-check', 'top k must not be less than 1.', at(layer, p, 'top_k'));
  const b = bottoms[0];
  if (!b) return unknownTops(layer);
  if (p.has('axis')) {
    const axis = canonicalAxis(p.number('axis'), b, at(layer, p, 'axis'));
    const d = b[axis];
    if (d !== null) check(k <= d, 'shape-check', () => `top_k must be less than or equal to the dimension of the axis (top_k ${k}, axis ${axis} has ${d}).`, at(layer, p, 'top_k'));
    return { tops: [b.map((x, i) => (i === axis ? k : x))] };
  }
  const perItem = count(b, 1);
  if (perItem !== null) {
    check(k <= perItem, 'shape-check', () => `top_k must be less than or equal to the dimension of the flattened bottom blob per instance (top_k ${k}, ${perItem} per instance).`, at(layer, p, 'top_k'));
  }
  const top: Dims = Array.from({ length: Math.max(b.length, 3) }, () => 1);
  top[0] = b[0];
  top[1] = p.bool('out_max_val') ? 2 : 1;
  top[2] = k;
  return { tops: [top] };
};

