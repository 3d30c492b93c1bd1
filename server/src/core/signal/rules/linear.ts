/**
 * Convolution, Deconvolution, InnerProduct and Embed: weighted sums (linear-moments.ts) with the
 * exact tap counts of their geometry (window-counts.ts). Geometry as Caffe reads it
 * (base_conv_layer.cpp, inner_product_layer.cpp, embed_layer.cpp).
 */
import { readConvGeometry, type ConvGeometry } from '../../shapes/rules/conv-geometry';
import type { Dims } from '../../shapes/types';
import { moments } from '../moments';
import { kernelOrScalar, withKernel } from '../spatial/blob-kernel';
import { convKernel, type AxisGeometry } from '../spatial/conv-kernel';
import type { ParamStats, SignalContext, SignalRule } from '../types';
import { unknownBottoms, unknownTops } from '../types';
import { weightedSum, weightedSumBackward, type Taps } from './linear-moments';
import { convAxis, nearbyShared, type ConvAxis } from './window-counts';

interface Wiring {
  weight: ParamStats;
  bias?: ParamStats;
  /** Forward taps per output, and (output, weight) pairs per input for the backward pass. */
  taps: Taps;
  fanBack: number;
  /** The tap counts assume a full window where spatial sizes are unknown. */
  approximate: boolean;
  /** The output's spatial profile (convolution with every size known). */
  profile?: Float64Array[];
  /** A 2-D convolution with every size known: its axes, and input channels per output (for the kernel). */
  geometry?: AxisGeometry[];
  channels?: number;
}

type WiringOrReason = Wiring | string;

function paramsByRole(ctx: SignalContext): { weight?: ParamStats; bias?: ParamStats; weightDims?: Dims; missing?: string } {
  const list = ctx.shapes?.params ?? [];
  const wi = list.findIndex((p) => p.role === 'weight');
  const bi = list.findIndex((p) => p.role === 'bias');
  if (wi < 0) return { missing: 'its weight shape is unknown (an input shape is unknown)' };
  const weight = ctx.params[wi];
  if (!weight && !list[wi].shape) return { missing: 'its weight shape is unknown (an input axis is unknown)' };
  if (!weight) return { missing: 'the statistics of its weight filler are unknown' };
  const bias = bi >= 0 ? ctx.params[bi] : undefined;
  if (bi >= 0 && !bias) return { missing: 'the statistics of its bias filler are unknown' };
  return { weight, bias, weightDims: list[wi].dims };
}

const geometries = new WeakMap<object, ConvGeometry | null>();

/** The layer's geometry, read once per layer (every scheme's run shares it). */
function geometry(ctx: SignalContext, spatial: number): ConvGeometry | undefined {
  let g = geometries.get(ctx.layer);
  if (g === undefined) {
    try {
      g = readConvGeometry(ctx.layer, ctx.layer.view.message('convolution_param'), spatial);
    } catch {
      g = null; // the shape stage reports the failed CHECK
    }
    geometries.set(ctx.layer, g);
  }
  return g ?? undefined;
}

const plainAxes = new Map<string, ConvAxis>();

/** convAxis without input weights depends on six integers only: shared by every layer and run. */
function plainAxis(inSize: number, outSize: number, k: number, s: number, p: number, d: number): ConvAxis {
  const key = `${inSize},${outSize},${k},${s},${p},${d}`;
  let a = plainAxes.get(key);
  if (!a) plainAxes.set(key, (a = convAxis(inSize, outSize, k, s, p, d)));
  return a;
}

/** Convolution (`transposed` false) or Deconvolution (true): per spatial axis the exact tap counts. */
function convWiring(ctx: SignalContext, transposed: boolean, input?: Float64Array[]): WiringOrReason {
  const p = paramsByRole(ctx);
  if (p.missing) return p.missing;
  const wd = p.weightDims!;
  const bottom = ctx.shapes?.bottomDims[0];
  const top = ctx.shapes?.topDims[0];
  if (!bottom || !top) return 'its input shape is unknown';
  const group = ctx.layer.view.message('convolution_param').number('group');
  // Convolution weight: (C_out, C_in/g, k…); Deconvolution: (C_in, C_out/g, k…).
  const gatherChannels = transposed ? (wd[0] === null ? null : wd[0] / group) : wd[1];
  const scatterChannels = transposed ? wd[1] : wd[0] === null ? null : wd[0] / group;
  if (gatherChannels === null || scatterChannels === null) return 'its input channel count is unknown';
  const kernelDims = wd.slice(2);
  const spatial = kernelDims.length;
  const g = geometry(ctx, spatial);
  if (!g) return 'its geometry fails a Caffe check';
  let a1 = 1;
  let a2 = 1;
  let b1 = 1;
  let approximate = false;
  const sharing: { same: number; near: number }[] = [];
  const profile: Float64Array[] = [];
  const axes: AxisGeometry[] = [];
  for (let i = 0; i < spatial; i++) {
    const inSize = bottom[bottom.length - spatial + i];
    const outSize = top[top.length - spatial + i];
    if (inSize === null || outSize === null) {
      // Unknown map size: a full window everywhere (exact without padding, slightly high with it).
      const k = g.kernel[i];
      const full = transposed ? k / g.stride[i] : k;
      a1 *= full;
      a2 *= full * full;
      b1 *= transposed ? k : k / g.stride[i];
      sharing.push({ same: full, near: full });
      approximate = approximate || g.pad[i] > 0 || g.stride[i] > 1;
      continue;
    }
    // A deconvolution is the transpose of the convolution from its output to its input.
    const axis = transposed ? plainAxis(outSize, inSize, g.kernel[i], g.stride[i], g.pad[i], g.dilation[i]) : plainAxis(inSize, outSize, g.kernel[i], g.stride[i], g.pad[i], g.dilation[i]);
    if (transposed) {
      // Gather per deconvolution output = scatter of the forward convolution; its square needs the list.
      const sq = deconvGatherSquare(outSize, inSize, g, i);
      a1 *= axis.scatter1;
      a2 *= sq;
      b1 *= axis.gather1;
      sharing.push({ same: axis.scatter1, near: axis.scatter1 });
    } else {
      // Weighted by the input's profile: border inputs of a padded input are smaller.
      const weighted = input?.[i] ? convAxis(inSize, outSize, g.kernel[i], g.stride[i], g.pad[i], g.dilation[i], input[i]) : axis;
      a1 *= weighted.gather1;
      a2 *= axis.gather2;
      b1 *= axis.scatter1;
      sharing.push({ same: weighted.gather1, near: weighted.near });
      profile.push(weighted.profile);
      axes.push({ inSize, outSize, kernel: g.kernel[i], stride: g.stride[i], pad: g.pad[i], dilation: g.dilation[i] });
    }
  }
  const C = gatherChannels;
  return {
    weight: p.weight!,
    bias: p.bias,
    taps: { n1: C * a1, n2: C * C * a2, pairs: Math.max(0, C * (a2 - a1)), near: C * nearbyShared(sharing) },
    fanBack: scatterChannels * b1,
    approximate,
    ...(profile.length === spatial && spatial > 0 ? { profile } : {}),
    ...(!transposed && spatial === 2 && axes.length === 2 ? { geometry: axes, channels: C } : {}),
  };
}

/** Average over deconvolution outputs of (inputs reaching it)². */
function deconvGatherSquare(outSize: number, inSize: number, g: ConvGeometry, i: number): number {
  const counts = new Array<number>(outSize).fill(0);
  for (let o = 0; o < inSize; o++) {
    for (let t = 0; t < g.kernel[i]; t++) {
      const pos = o * g.stride[i] - g.pad[i] + t * g.dilation[i];
      if (pos >= 0 && pos < outSize) counts[pos]++;
    }
  }
  let sq = 0;
  for (const c of counts) sq += c * c;
  return outSize ? sq / outSize : 0;
}

/** InnerProduct: every output reads all K = count(axis…) inputs; K/C of them per input channel. */
function innerProductWiring(ctx: SignalContext): WiringOrReason {
  const p = paramsByRole(ctx);
  if (p.missing) return p.missing;
  const ip = ctx.layer.view.message('inner_product_param');
  const wd = p.weightDims!;
  const transpose = ip.bool('transpose');
  const K = transpose ? wd[0] : wd[1];
  const N = transpose ? wd[1] : wd[0];
  if (K === null || N === null) return 'its input size is unknown';
  const bottom = ctx.shapes?.bottomDims[0];
  const axis = ip.number('axis');
  const a = bottom ? (axis < 0 ? axis + bottom.length : axis) : -1;
  const channels = bottom && a >= 0 && a < bottom.length ? bottom[a] : null;
  // Inputs of one channel at different positions share its offset: K/C positions per channel.
  const perChannel = channels ? K / channels : 1;
  return { weight: p.weight!, bias: p.bias, taps: { n1: K, n2: K * K, pairs: K * (perChannel - 1), near: K }, fanBack: N, approximate: channels === null };
}

function linearRule(compute: (ctx: SignalContext, input?: Float64Array[]) => WiringOrReason): SignalRule {
  // The forward pass's wiring, reused by the backward pass of the same run.
  const memo = new WeakMap<SignalContext, WiringOrReason>();
  const wiring = (ctx: SignalContext, input?: Float64Array[]) => {
    let w = memo.get(ctx);
    if (w === undefined) memo.set(ctx, (w = compute(ctx, input)));
    return w;
  };
  return {
    forward(ctx, [x]) {
      const w = wiring(ctx, x!.profile);
      if (typeof w === 'string') return unknownTops(ctx, w);
      const y = weightedSum(x!, w.weight, w.bias, w.taps);
      if (w.approximate) y.approximate = true;
      if (w.profile) y.profile = w.profile;
      // Zero-mean weights: the output's spatial covariance follows from the input's exactly.
      const input = w.geometry && w.weight.mean === 0 ? kernelOrScalar(ctx, x!) : undefined;
      if (input) {
        const bias = w.bias ?? { mean: 0, variance: 0 };
        withKernel(y, convKernel({ kernel: input, mean: x!.mean, gain: w.weight.variance * w.channels!, biasVariance: bias.variance }, w.geometry!));
      }
      return { tops: [y] };
    },
    backward(ctx, [g]) {
      const w = wiring(ctx);
      if (typeof w === 'string') return unknownBottoms(ctx, w);
      const out = weightedSumBackward(g!, w.weight, w.fanBack);
      return { bottoms: ctx.layer.bottoms.map((_, i) => (i === 0 ? (w.approximate ? { ...out, approximate: true } : out) : null)) };
    },
  };
}

export const convolution = linearRule((ctx, input) => convWiring(ctx, false, input));
export const deconvolution = linearRule((ctx) => convWiring(ctx, true));
export const innerProduct = linearRule(innerProductWiring);

/** Embed: each output is one row of the weight (the input is an index), plus the bias; indices get no gradient. */
export const embed: SignalRule = {
  acceptsUnknown: true,
  forward(ctx) {
    const p = paramsByRole(ctx);
    if (p.missing) return unknownTops(ctx, p.missing);
    const w = p.weight!;
    const b = p.bias ?? { mean: 0, variance: 0, deterministic: true, squareSpread: 0 };
    return { tops: [moments(w.mean + b.mean, w.variance + b.variance, b.variance, false)] };
  },
  backward(ctx) {
    return { bottoms: ctx.layer.bottoms.map(() => ({ second: 0, approximate: false })) };
  },
};
