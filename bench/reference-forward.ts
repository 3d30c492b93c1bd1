/**
 * A plain forward pass of a Caffe net on Float32Arrays, written from Caffe's layer sources
 * (src/caffe/layers/{conv,pooling,inner_product,relu,lrn,concat,eltwise,batch_norm,scale,dropout,
 * softmax}_layer.cpp) and its fillers (include/caffe/filler.hpp): the measurement the signal
 * predictions are checked against. It shares nothing with the propagation rules; it reads the net's
 * layers and their parameters from the analysis, and allocates blobs by the shape stage's shapes.
 */
import type { Analysis } from '../server/src/core/analysis';
import type { LayerModel } from '../server/src/core/net/model';
import type { FillerValues } from '../server/src/core/init/filler-spec';
import type { MessageView } from '../server/src/core/schema/message-view';

export interface Blob {
  shape: number[];
  data: Float32Array;
}

export interface Measured {
  mean: number;
  variance: number;
}

/** A filler with every field (FillerParameter's defaults applied), as filler.hpp reads it. */
export type FillerSpecLike = FillerValues;

/**
 * Marsaglia and Tsang's ziggurat (J. Stat. Softw. 5(8), 2000), 128 layers: a standard normal per
 * table lookup for 98.8% of draws, no logarithm. Filling the weights of a big net is most of a
 * reference pass; Box–Muller made it three times slower.
 */
const ZIG_R = 3.442619855899;
const ZIG_V = 9.91256303526217e-3;
const ZIG_M = 2147483648;
const zigK = new Float64Array(128);
const zigW = new Float64Array(128);
const zigF = new Float64Array(128);
{
  let d = ZIG_R;
  let t = d;
  const q = ZIG_V / Math.exp(-0.5 * d * d);
  zigK[0] = Math.floor((d / q) * ZIG_M);
  zigK[1] = 0;
  zigW[0] = q / ZIG_M;
  zigW[127] = d / ZIG_M;
  zigF[0] = 1;
  zigF[127] = Math.exp(-0.5 * d * d);
  for (let i = 126; i >= 1; i--) {
    d = Math.sqrt(-2 * Math.log(ZIG_V / d + Math.exp(-0.5 * d * d)));
    zigK[i + 1] = Math.floor((d / t) * ZIG_M);
    t = d;
    zigF[i] = Math.exp(-0.5 * d * d);
    zigW[i] = d / ZIG_M;
  }
}

class Rng {
  /** mulberry32 (test/helpers/prng.ts) inlined: the generator call is most of a normal draw's cost. */
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** A signed 32-bit integer. */
  private int(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return t ^ (t >>> 14);
  }
  /** Uniform on [0, 1). */
  private u(): number {
    return (this.int() >>> 0) / 4294967296;
  }
  uniform(a: number, b: number): number {
    return a + (b - a) * this.u();
  }
  gaussian(): number {
    let hz = this.int();
    let iz = hz & 127;
    if (Math.abs(hz) < zigK[iz]) return hz * zigW[iz];
    for (;;) {
      const x = hz * zigW[iz];
      if (iz === 0) {
        // The tail beyond R, by Marsaglia's exponential rejection.
        let a: number;
        let b: number;
        do {
          a = -Math.log(1 - this.u()) / ZIG_R;
          b = -Math.log(1 - this.u());
        } while (b + b < a * a);
        return hz > 0 ? ZIG_R + a : -ZIG_R - a;
      }
      if (zigF[iz] + this.u() * (zigF[iz - 1] - zigF[iz]) < Math.exp(-0.5 * x * x)) return x;
      hz = this.int();
      iz = hz & 127;
      if (Math.abs(hz) < zigK[iz]) return hz * zigW[iz];
    }
  }
}

const prod = (s: number[]) => s.reduce((a, b) => a * b, 1);

function readFillerView(v: MessageView | undefined, fallback: Partial<FillerSpecLike> = {}): FillerSpecLike {
  const base: FillerSpecLike = { type: 'constant', value: 0, min: 0, max: 1, mean: 0, std: 1, sparse: -1, varianceNorm: 'FAN_IN', ...fallback };
  if (!v || !v.bound) return base;
  return {
    type: v.string('type'),
    value: v.number('value'),
    min: v.number('min'),
    max: v.number('max'),
    mean: v.number('mean'),
    std: v.number('std'),
    sparse: v.number('sparse'),
    varianceNorm: v.enumName('variance_norm') as FillerValues['varianceNorm'],
  };
}

/** filler.hpp, value by value. */
export function fill(f: FillerSpecLike, shape: number[], rng: Rng): Float32Array {
  const count = prod(shape);
  const out = new Float32Array(count);
  const fanIn = shape.length > 0 ? count / shape[0] : count;
  const fanOut = shape.length > 1 ? count / shape[1] : count;
  const n = f.varianceNorm === 'FAN_OUT' ? fanOut : f.varianceNorm === 'AVERAGE' ? (fanIn + fanOut) / 2 : fanIn;
  switch (f.type) {
    case 'constant':
      out.fill(f.value);
      break;
    case 'uniform':
      for (let i = 0; i < count; i++) out[i] = rng.uniform(f.min, f.max);
      break;
    case 'gaussian': {
      const keep = f.sparse >= 0 ? f.sparse / shape[0] : 1;
      for (let i = 0; i < count; i++) out[i] = rng.uniform(0, 1) < keep ? f.mean + f.std * rng.gaussian() : 0;
      break;
    }
    case 'xavier': {
      const b = Math.sqrt(3 / n);
      for (let i = 0; i < count; i++) out[i] = rng.uniform(-b, b);
      break;
    }
    case 'msra': {
      const s = Math.sqrt(2 / n);
      for (let i = 0; i < count; i++) out[i] = s * rng.gaussian();
      break;
    }
    case 'positive_unitball': {
      for (let r = 0; r < shape[0]; r++) {
        let sum = 0;
        for (let j = 0; j < fanIn; j++) sum += out[r * fanIn + j] = rng.uniform(0, 1);
        for (let j = 0; j < fanIn; j++) out[r * fanIn + j] /= sum;
      }
      break;
    }
    default:
      throw new Error(`reference: filler ${f.type} not implemented`);
  }
  return out;
}

export interface ReferenceOptions {
  seed: number;
  /** Every learnable weight blob refilled by this filler (undefined: as written). */
  weightFiller?: FillerSpecLike;
  /** Sees every layer's tops (for extra measurements). */
  onLayer?: (layer: LayerModel, tops: Blob[]) => void;
}

interface Net {
  a: Analysis;
  rng: Rng;
  weightFiller?: FillerSpecLike;
  blobs: Map<string, Blob>;
}

function param(net: Net, layer: LayerModel, message: string, field: string, shape: number[], fallback?: Partial<FillerSpecLike>, isWeight = false): Float32Array {
  const p = layer.view.message(message);
  const f = isWeight && net.weightFiller ? net.weightFiller : readFillerView(p.has(field) ? p.message(field) : undefined, fallback);
  return fill(f, shape, net.rng);
}

function topShape(net: Net, layer: LayerModel, i = 0): number[] {
  const ls = net.a.shapes!.layers.find((l) => l.layer === layer)!;
  const s = ls.tops[i];
  if (!s) throw new Error(`reference: unknown shape of ${layer.name}`);
  return s;
}

function pairOf(p: MessageView, single: string, h: string, w: string, dflt: number): [number, number] {
  if (p.has(h) || p.has(w)) return [p.number(h), p.number(w)];
  const xs = p.numbers(single);
  if (xs.length === 0) return [dflt, dflt];
  return [xs[0], xs[xs.length > 1 ? 1 : 0]];
}

/** Output positions gathered per im2col block: bounds the column buffer on large maps. */
const COLUMN_BLOCK = 256;

/**
 * conv_layer.cpp: im2col per group (padding reads zeros), then one dot product per (output channel,
 * position) over the C/g·k² column. Four output channels share each column read; sums in doubles.
 */
function convolution(net: Net, layer: LayerModel, x: Blob): Blob {
  const p = layer.view.message('convolution_param');
  const [N, C, H, W] = x.shape;
  const out = topShape(net, layer);
  const [, O, OH, OW] = out;
  const [kh, kw] = pairOf(p, 'kernel_size', 'kernel_h', 'kernel_w', 1);
  const [sh, sw] = pairOf(p, 'stride', 'stride_h', 'stride_w', 1);
  const [ph, pw] = pairOf(p, 'pad', 'pad_h', 'pad_w', 0);
  const dil = p.numbers('dilation');
  const [dh, dw] = [dil[0] ?? 1, dil[dil.length > 1 ? 1 : 0] ?? 1];
  const G = p.number('group');
  const Cg = C / G;
  const Og = O / G;
  const w = param(net, layer, 'convolution_param', 'weight_filler', [O, Cg, kh, kw], undefined, true);
  const b = p.bool('bias_term') ? param(net, layer, 'convolution_param', 'bias_filler', [O]) : undefined;
  const y = new Float32Array(prod(out));
  const K = Cg * kh * kw;
  const P = OH * OW;
  const col = new Float64Array(Math.min(P, COLUMN_BLOCK) * K);
  for (let n = 0; n < N; n++) {
    for (let g = 0; g < G; g++) {
      const xg = (n * C + g * Cg) * H * W;
      for (let p0 = 0; p0 < P; p0 += COLUMN_BLOCK) {
        const p1 = Math.min(P, p0 + COLUMN_BLOCK);
        for (let q = p0; q < p1; q++) {
          const oh = Math.floor(q / OW);
          const ow = q - oh * OW;
          let k = (q - p0) * K;
          for (let c = 0; c < Cg; c++) {
            for (let i = 0; i < kh; i++) {
              const ih = oh * sh - ph + i * dh;
              const inRow = ih >= 0 && ih < H;
              const row = xg + (c * H + ih) * W;
              for (let j = 0; j < kw; j++, k++) {
                const iw = ow * sw - pw + j * dw;
                col[k] = inRow && iw >= 0 && iw < W ? x.data[row + iw] : 0;
              }
            }
          }
        }
        for (let o = g * Og; o < (g + 1) * Og; o += 4) {
          const rows = Math.min(4, (g + 1) * Og - o);
          const w0 = o * K;
          const w1 = rows > 1 ? w0 + K : w0;
          const w2 = rows > 2 ? w0 + 2 * K : w0;
          const w3 = rows > 3 ? w0 + 3 * K : w0;
          for (let q = p0; q < p1; q++) {
            const c0 = (q - p0) * K;
            let a0 = 0;
            let a1 = 0;
            let a2 = 0;
            let a3 = 0;
            for (let k = 0; k < K; k++) {
              const v = col[c0 + k];
              a0 += w[w0 + k] * v;
              a1 += w[w1 + k] * v;
              a2 += w[w2 + k] * v;
              a3 += w[w3 + k] * v;
            }
            const at = (n * O + o) * P + q;
            y[at] = a0 + (b ? b[o] : 0);
            if (rows > 1) y[at + P] = a1 + (b ? b[o + 1] : 0);
            if (rows > 2) y[at + 2 * P] = a2 + (b ? b[o + 2] : 0);
            if (rows > 3) y[at + 3 * P] = a3 + (b ? b[o + 3] : 0);
          }
        }
      }
    }
  }
  return { shape: out, data: y };
}

function pooling(net: Net, layer: LayerModel, x: Blob): Blob {
  const p = layer.view.message('pooling_param');
  const [N, C, H, W] = x.shape;
  const out = topShape(net, layer);
  const [, , OH, OW] = out;
  const global = p.bool('global_pooling');
  const [kh, kw] = global ? [H, W] : pairOf(p, 'kernel_size', 'kernel_h', 'kernel_w', 1);
  const [sh, sw] = global ? [1, 1] : pairOf(p, 'stride', 'stride_h', 'stride_w', 1);
  const [ph, pw] = global ? [0, 0] : pairOf(p, 'pad', 'pad_h', 'pad_w', 0);
  const max = p.enumName('pool') === 'MAX';
  const y = new Float32Array(prod(out));
  for (let nc = 0; nc < N * C; nc++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        let hs = oh * sh - ph;
        let ws = ow * sw - pw;
        let he = Math.min(hs + kh, H + ph);
        let we = Math.min(ws + kw, W + pw);
        const size = (he - hs) * (we - ws);
        hs = Math.max(hs, 0);
        ws = Math.max(ws, 0);
        he = Math.min(he, H);
        we = Math.min(we, W);
        let acc = max ? -Infinity : 0;
        for (let h = hs; h < he; h++) {
          for (let w = ws; w < we; w++) {
            const v = x.data[(nc * H + h) * W + w];
            acc = max ? Math.max(acc, v) : acc + v;
          }
        }
        y[(nc * OH + oh) * OW + ow] = max ? acc : acc / size;
      }
    }
  }
  return { shape: out, data: y };
}

function innerProduct(net: Net, layer: LayerModel, x: Blob): Blob {
  const p = layer.view.message('inner_product_param');
  const out = topShape(net, layer);
  const axis = p.number('axis');
  const M = prod(x.shape.slice(0, axis));
  const K = prod(x.shape.slice(axis));
  const O = p.number('num_output');
  const transpose = p.bool('transpose');
  const w = param(net, layer, 'inner_product_param', 'weight_filler', transpose ? [K, O] : [O, K], undefined, true);
  const b = p.bool('bias_term') ? param(net, layer, 'inner_product_param', 'bias_filler', [O]) : undefined;
  const y = new Float32Array(M * O);
  for (let m = 0; m < M; m++) {
    for (let o = 0; o < O; o++) {
      let acc = b ? b[o] : 0;
      for (let k = 0; k < K; k++) acc += x.data[m * K + k] * (transpose ? w[k * O + o] : w[o * K + k]);
      y[m * O + o] = acc;
    }
  }
  return { shape: out, data: y };
}

function map(x: Blob, f: (v: number) => number): Blob {
  const y = new Float32Array(x.data.length);
  for (let i = 0; i < y.length; i++) y[i] = f(x.data[i]);
  return { shape: x.shape, data: y };
}

function lrn(layer: LayerModel, x: Blob): Blob {
  const p = layer.view.message('lrn_param');
  const n = p.number('local_size');
  const alpha = p.number('alpha');
  const beta = p.number('beta');
  const k = p.number('k');
  const [N, C, H, W] = x.shape;
  const y = new Float32Array(x.data.length);
  const HW = H * W;
  const half = (n - 1) / 2;
  if (p.enumName('norm_region') === 'WITHIN_CHANNEL') {
    for (let nc = 0; nc < N * C; nc++) {
      for (let h = 0; h < H; h++) {
        for (let w = 0; w < W; w++) {
          let hs = h - half;
          let ws = w - half;
          let he = Math.min(hs + n, H + half);
          let we = Math.min(ws + n, W + half);
          const size = (he - hs) * (we - ws);
          hs = Math.max(hs, 0);
          ws = Math.max(ws, 0);
          he = Math.min(he, H);
          we = Math.min(we, W);
          let s = 0;
          for (let a = hs; a < he; a++) for (let b = ws; b < we; b++) s += x.data[nc * HW + a * W + b] ** 2;
          const i = nc * HW + h * W + w;
          y[i] = x.data[i] * Math.pow(1 + (alpha * s) / size, -beta);
        }
      }
    }
    return { shape: x.shape, data: y };
  }
  for (let b = 0; b < N; b++) {
    for (let c = 0; c < C; c++) {
      for (let i = 0; i < HW; i++) {
        let s = 0;
        for (let cc = Math.max(0, c - half); cc <= Math.min(C - 1, c + half); cc++) s += x.data[(b * C + cc) * HW + i] ** 2;
        const at = (b * C + c) * HW + i;
        y[at] = x.data[at] * Math.pow(k + (alpha / n) * s, -beta);
      }
    }
  }
  return { shape: x.shape, data: y };
}

function perChannel(x: Blob, f: (c: number, v: number) => number): Blob {
  const C = x.shape[1] ?? 1;
  const inner = prod(x.shape.slice(2));
  const y = new Float32Array(x.data.length);
  for (let i = 0; i < y.length; i++) y[i] = f(Math.floor(i / inner) % C, x.data[i]);
  return { shape: x.shape, data: y };
}

function batchNorm(net: Net, layer: LayerModel, x: Blob): Blob {
  const p = layer.view.message('batch_norm_param');
  const eps = p.number('eps');
  const global = p.has('use_global_stats') ? p.bool('use_global_stats') : net.a.settings.phase === 'TEST';
  if (global) return map(x, (v) => v / Math.sqrt(eps));
  const C = x.shape[1];
  const inner = prod(x.shape.slice(2));
  const N = x.shape[0];
  const mean = new Float64Array(C);
  const sq = new Float64Array(C);
  for (let n = 0; n < N; n++) for (let c = 0; c < C; c++) for (let i = 0; i < inner; i++) {
    const v = x.data[(n * C + c) * inner + i];
    mean[c] += v;
    sq[c] += v * v;
  }
  const m = N * inner;
  return perChannel(x, (c, v) => {
    const mu = mean[c] / m;
    const variance = sq[c] / m - mu * mu;
    return (v - mu) / Math.sqrt(variance + eps);
  });
}

function scale(net: Net, layer: LayerModel, x: Blob): Blob {
  const p = layer.view.message('scale_param');
  const C = x.shape[1];
  const g = param(net, layer, 'scale_param', 'filler', [C], { type: 'constant', value: 1 });
  const b = p.bool('bias_term') ? param(net, layer, 'scale_param', 'bias_filler', [C]) : undefined;
  return perChannel(x, (c, v) => g[c] * v + (b ? b[c] : 0));
}

function concat(layer: LayerModel, xs: Blob[]): Blob {
  const p = layer.view.message('concat_param');
  const axis = p.has('concat_dim') ? p.number('concat_dim') : p.number('axis');
  const outer = prod(xs[0].shape.slice(0, axis));
  const sizes = xs.map((x) => prod(x.shape.slice(axis)));
  const total = sizes.reduce((a, b) => a + b, 0);
  const y = new Float32Array(outer * total);
  for (let o = 0; o < outer; o++) {
    let off = 0;
    xs.forEach((x, i) => {
      y.set(x.data.subarray(o * sizes[i], (o + 1) * sizes[i]), o * total + off);
      off += sizes[i];
    });
  }
  const shape = xs[0].shape.slice();
  shape[axis] = xs.reduce((a, x) => a + x.shape[axis], 0);
  return { shape, data: y };
}

function eltwise(layer: LayerModel, xs: Blob[]): Blob {
  const p = layer.view.message('eltwise_param');
  const op = p.enumName('operation');
  const coeff = p.numbers('coeff');
  const y = new Float32Array(xs[0].data.length);
  for (let i = 0; i < y.length; i++) {
    let acc = op === 'PROD' ? 1 : op === 'MAX' ? -Infinity : 0;
    xs.forEach((x, k) => {
      const v = x.data[i];
      acc = op === 'PROD' ? acc * v : op === 'MAX' ? Math.max(acc, v) : acc + (coeff[k] ?? 1) * v;
    });
    y[i] = acc;
  }
  return { shape: xs[0].shape, data: y };
}

function dropout(net: Net, layer: LayerModel, x: Blob): Blob {
  const p = layer.view.message('dropout_param');
  const ratio = p.number('dropout_ratio');
  if (net.a.settings.phase !== 'TRAIN') return x;
  return map(x, (v) => (net.rng.uniform(0, 1) > ratio ? v / (1 - ratio) : 0));
}

const SKIP = new Set(['Accuracy', 'SoftmaxWithLoss', 'EuclideanLoss', 'SigmoidCrossEntropyLoss', 'Softmax', 'Silence']);

export type Forward = Map<LayerModel, Measured[]>;

/** Runs the net once on unit Gaussian data; per layer the pooled mean and variance of each top after it runs. */
export function referenceForward(a: Analysis, options: ReferenceOptions): Forward {
  const net: Net = { a, rng: new Rng(options.seed), weightFiller: options.weightFiller, blobs: new Map() };
  const out: Forward = new Map();
  for (const layer of a.net!.layers) {
    if (SKIP.has(layer.type)) continue;
    const xs = layer.bottoms.map((b) => net.blobs.get(b.name)!);
    let tops: Blob[];
    switch (layer.type) {
      case 'Input':
      case 'Data':
      case 'ImageData':
      case 'DummyData':
        tops = layer.tops.slice(0, 1).map((_, i) => {
          const shape = topShape(net, layer, i);
          const data = new Float32Array(prod(shape));
          for (let k = 0; k < data.length; k++) data[k] = net.rng.gaussian();
          return { shape, data };
        });
        break;
      case 'Convolution':
        tops = [convolution(net, layer, xs[0])];
        break;
      case 'Pooling':
        tops = [pooling(net, layer, xs[0])];
        break;
      case 'InnerProduct':
        tops = [innerProduct(net, layer, xs[0])];
        break;
      case 'ReLU': {
        const s = layer.view.message('relu_param').number('negative_slope');
        tops = [map(xs[0], (v) => (v > 0 ? v : s * v))];
        break;
      }
      case 'TanH':
        tops = [map(xs[0], Math.tanh)];
        break;
      case 'Sigmoid':
        tops = [map(xs[0], (v) => 1 / (1 + Math.exp(-v)))];
        break;
      case 'LRN':
        tops = [lrn(layer, xs[0])];
        break;
      case 'BatchNorm':
        tops = [batchNorm(net, layer, xs[0])];
        break;
      case 'Scale':
        tops = [scale(net, layer, xs[0])];
        break;
      case 'Concat':
        tops = [concat(layer, xs)];
        break;
      case 'Eltwise':
        tops = [eltwise(layer, xs)];
        break;
      case 'Dropout':
        tops = [dropout(net, layer, xs[0])];
        break;
      case 'Split':
        tops = layer.tops.map(() => xs[0]);
        break;
      case 'Flatten':
      case 'Reshape':
        tops = [{ shape: topShape(net, layer), data: xs[0].data }];
        break;
      default:
        throw new Error(`reference: layer type ${layer.type} not implemented`);
    }
    tops.forEach((t, i) => net.blobs.set(layer.tops[i].name, t));
    out.set(layer, tops.map(measure));
    options.onLayer?.(layer, tops);
  }
  return out;
}

export function measure(b: Blob): Measured {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < b.data.length; i++) {
    s += b.data[i];
    s2 += b.data[i] * b.data[i];
  }
  const n = b.data.length;
  const mean = s / n;
  return { mean, variance: Math.max(0, s2 / n - mean * mean) };
}
