/**
 * Pooling and SPP (src/caffe/layers/pooling_layer.cpp, spp_layer.cpp).
 * Pooling: out = ceil((in + 2·pad − k) / stride) + 1 (floor with round_mode FLOOR); then, when
 * padded, the last window must start inside the image or the pad: if (out − 1)·stride ≥ in + pad,
 * out −= 1. Global pooling takes k = in with pad 0 and stride 1.
 * SPP: level l pools into 2^l bins with k = ceil(in / 2^l), pad = (k·2^l − in + 1) / 2, stride = k,
 * flattens each level and concatenates them on axis 1 (a single level is the pooling output as is).
 */
import type { LayerModel } from '../../net/model';
import type { MessageView } from '../../schema/message-view';
import { at, bottomSpan, check, fieldSpan } from '../check';
import { add, mul } from '../dims';
import { oversizedKernelFinding, type OversizedAxis } from './oversized-kernel';
import type { Dim, Dims, ShapeRule } from '../types';

interface Window {
  kernel: number;
  pad: number;
  stride: number;
}

/**
 * One spatial axis of PoolingLayer::Reshape. `padded` is whether either axis has padding: Caffe
 * then clips both. Null input gives null (global pooling's 1 is handled by the caller).
 */
function pooledSize(input: Dim, w: Window, ceilMode: boolean, padded: boolean): Dim {
  if (input === null) return null;
  const span = (input + 2 * w.pad - w.kernel) / w.stride;
  let out = (ceilMode ? Math.ceil(span) : Math.floor(span)) + 1;
  if (padded && (out - 1) * w.stride >= input + w.pad) out -= 1;
  return out;
}

/** The CHECK after the clip: the last window must start inside the image or its padding. */
function checkLastWindow(layer: LayerModel, p: MessageView, input: Dim, w: Window, out: Dim, axis: 'h' | 'w'): void {
  if (input === null || out === null) return;
  check(
    (out - 1) * w.stride < input + w.pad,
    'shape-check',
    () => `The last pooling window along ${axis === 'h' ? 'height' : 'width'} starts past the padded input (Check failed: (pooled_${axis === 'h' ? 'height' : 'width'}_ - 1) * stride_${axis}_ < ${axis === 'h' ? 'height' : 'width'}_ + pad_${axis}_; ${(out - 1) * w.stride} vs ${input + w.pad}).`,
    at(layer, p, 'stride', 'stride_h', 'stride_w'),
  );
}

/** Caffe reads the pair form when its first field is set, the single field otherwise. */
function pair(p: MessageView, single: string, h: string, w: string, pairWins: boolean): [number, number] {
  const usePair = pairWins ? p.has(h) : !p.has(single);
  return usePair ? [p.number(h), p.number(w)] : [p.number(single), p.number(single)];
}

/** PoolingLayer::LayerSetUp's parameter checks, in its order and words. */
function readWindows(layer: LayerModel, p: MessageView, b: Dims): [Window, Window] {
  const global = p.bool('global_pooling');
  const kSpan = at(layer, p, 'kernel_size', 'kernel_h', 'kernel_w', 'global_pooling');
  if (global) {
    check(!(p.has('kernel_size') || p.has('kernel_h') || p.has('kernel_w')), 'shape-check', 'With Global_pooling: true Filter size cannot specified', kSpan);
  } else {
    const hasHW = p.has('kernel_h') && p.has('kernel_w');
    // Caffe's first CHECK also catches a missing or half-given kernel, so say which it is.
    const given = ['kernel_size', 'kernel_h', 'kernel_w'].filter((f) => p.has(f));
    const found = given.length ? `given: ${given.join(', ')}` : 'none given';
    check(p.has('kernel_size') !== hasHW, 'shape-check', () => `Filter size is kernel_size OR kernel_h and kernel_w; not both (${found})`, kSpan);
  }
  const padOk = (!p.has('pad') && p.has('pad_h') && p.has('pad_w')) || (!p.has('pad_h') && !p.has('pad_w'));
  check(padOk, 'shape-check', 'pad is pad OR pad_h and pad_w are required.', at(layer, p, 'pad', 'pad_h', 'pad_w'));
  const strideOk = (!p.has('stride') && p.has('stride_h') && p.has('stride_w')) || (!p.has('stride_h') && !p.has('stride_w'));
  check(strideOk, 'shape-check', 'Stride is stride OR stride_h and stride_w are required.', at(layer, p, 'stride', 'stride_h', 'stride_w'));
  const [kh, kw] = global ? [b[2], b[3]] : pair(p, 'kernel_size', 'kernel_h', 'kernel_w', false);
  const [ph, pw] = pair(p, 'pad', 'pad_h', 'pad_w', true);
  const [sh, sw] = pair(p, 'stride', 'stride_h', 'stride_w', true);
  if (kh !== null) check(kh > 0, 'shape-check', 'Filter dimensions cannot be zero.', kSpan);
  if (kw !== null) check(kw > 0, 'shape-check', 'Filter dimensions cannot be zero.', kSpan);
  check(sh > 0 && sw > 0, 'shape-check', 'Stride must be positive.', at(layer, p, 'stride', 'stride_h', 'stride_w'));
  if (global) {
    check(ph === 0 && pw === 0 && sh === 1 && sw === 1, 'shape-check', 'With Global_pooling: true; only pad = 0 and stride = 1', kSpan);
  }
  if (ph !== 0 || pw !== 0) {
    const padSpan = at(layer, p, 'pad', 'pad_h', 'pad_w');
    const pool = p.enumName('pool');
    check(pool === 'AVE' || pool === 'MAX', 'shape-check', 'Padding implemented only for average and max pooling.', padSpan);
    if (kh !== null) check(ph < kh, 'shape-check', () => `pad_h (${ph}) must be smaller than kernel_h (${kh}) (Check failed: pad_h_ < kernel_h_).`, padSpan);
    if (kw !== null) check(pw < kw, 'shape-check', () => `pad_w (${pw}) must be smaller than kernel_w (${kw}) (Check failed: pad_w_ < kernel_w_).`, padSpan);
  }
  // Global pooling with an unknown size still gives 1: kernel = in, so the span is 0.
  return [
    { kernel: kh ?? 0, pad: ph, stride: sh },
    { kernel: kw ?? 0, pad: pw, stride: sw },
  ];
}

function oversizedAxis(input: Dim, w: Window, out: Dim, axis: number): OversizedAxis[] {
  if (input === null || out === null || input + 2 * w.pad >= w.kernel) return [];
  return [{ axis, what: `kernel ${w.kernel} is larger than the padded input ${input + 2 * w.pad} (${input} + 2·${w.pad})`, out }];
}

export const pooling: ShapeRule = ({ layer, bottoms }) => {
  const b = bottoms[0];
  if (!b) return { tops: layer.tops.map(() => undefined) };
  const p = layer.view.message('pooling_param');
  check(b.length === 4, 'shape-check', () => `Input must have 4 axes, corresponding to (num, channels, height, width); got ${b.length}.`, () => bottomSpan(layer, 0));
  const [wh, ww] = readWindows(layer, p, b);
  const global = p.bool('global_pooling');
  const ceilMode = p.enumName('round_mode') !== 'FLOOR';
  const padded = wh.pad > 0 || ww.pad > 0;
  const oh = global ? 1 : pooledSize(b[2], wh, ceilMode, padded);
  const ow = global ? 1 : pooledSize(b[3], ww, ceilMode, padded);
  if (padded) {
    checkLastWindow(layer, p, b[2], wh, oh, 'h');
    checkLastWindow(layer, p, b[3], ww, ow, 'w');
  }
  const oversized = [...oversizedAxis(b[2], wh, oh, 2), ...oversizedAxis(b[3], ww, ow, 3)];
  const found = oversizedKernelFinding(layer.name, fieldSpan(layer, p, 'kernel_size', 'kernel_h', 'kernel_w'), oversized, 'with its ceil rounding');
  const diagnostics = found ? [found] : [];
  const top: Dims = [b[0], b[1], oh, ow];
  // A second top holds the max indices, shaped like the first.
  return { tops: layer.tops.map(() => top), diagnostics };
};

/** SPPLayer::GetPoolingParam for one axis of one level. */
function sppWindow(input: number, bins: number): Window {
  const kernel = Math.ceil(input / bins);
  return { kernel, pad: Math.trunc((kernel * bins - input + 1) / 2), stride: kernel };
}

export const spp: ShapeRule = ({ layer, bottoms }) => {
  const b = bottoms[0];
  if (!b) return { tops: layer.tops.map(() => undefined) };
  const p = layer.view.message('spp_param');
  check(b.length === 4, 'shape-check', () => `Input must have 4 axes, corresponding to (num, channels, height, width); got ${b.length}.`, () => bottomSpan(layer, 0));
  const [h, w] = [b[2], b[3]];
  if (h !== null) check(h > 0, 'shape-check', 'Input dimensions cannot be zero.', () => bottomSpan(layer, 0));
  if (w !== null) check(w > 0, 'shape-check', 'Input dimensions cannot be zero.', () => bottomSpan(layer, 0));
  const levels = p.number('pyramid_height');
  check(levels >= 1, 'shape-check', () => `pyramid_height must be at least 1, got ${levels}.`, at(layer, p, 'pyramid_height'));
  const pool = p.enumName('pool');
  const pooled = Array.from({ length: levels }, (_, l) => {
    if (h === null || w === null) return [null, null] as Dim[];
    const [wh, ww] = [sppWindow(h, 2 ** l), sppWindow(w, 2 ** l)];
    if (wh.pad > 0 || ww.pad > 0) {
      check(pool === 'AVE' || pool === 'MAX', 'shape-check', 'Padding implemented only for average and max pooling.', at(layer, p, 'pool'));
    }
    return [pooledSize(h, wh, true, wh.pad > 0 || ww.pad > 0), pooledSize(w, ww, true, wh.pad > 0 || ww.pad > 0)];
  });
  if (levels === 1) return { tops: [[b[0], b[1], pooled[0][0], pooled[0][1]]] };
  const perLevel = pooled.map(([ph, pw]) => mul(b[1], ph, pw));
  return { tops: [[b[0], add(...perLevel)]] };
};
