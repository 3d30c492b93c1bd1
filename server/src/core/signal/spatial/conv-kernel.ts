/**
 * A convolution's output kernel. With zero-mean independent weights (variance σ², n = C_in/group
 * input channels per output), two outputs of one channel covary only through the taps they apply
 * with the same weight:
 *   Cov(y_o, y_o') = σ²·n·Σ_t E[x_(o,t)·x_(o',t)] + Var(b)
 * summed over the taps t valid for both (x_(o,t) = the input that output o reads with tap t; zero
 * padding contributes nothing). E[x x'] is the input's covariance plus the product of its means, so
 * a non-zero input mean becomes an offset every output of the channel shares — except border
 * outputs, whose windows are cut. Each factor maps per axis; the three correlated terms (covariance,
 * mean, bias) are projected onto one Kronecker product, and the independent part keeps every
 * position's variance exact.
 */
import { allOnes, diagonal, identity, ones, outer, separableMarginals, type AxisKernel, type SpatialKernel } from './kernel';
import { kron1 } from './kron';

export interface AxisGeometry {
  inSize: number;
  outSize: number;
  kernel: number;
  stride: number;
  pad: number;
  dilation: number;
}

function isIdentity(g: AxisGeometry): boolean {
  return g.kernel === 1 && g.stride === 1 && g.pad === 0 && g.inSize === g.outSize;
}

/** For each output, the inputs its taps read (−1: padding). */
function taps(g: AxisGeometry): Int32Array {
  const out = new Int32Array(g.outSize * g.kernel);
  for (let o = 0; o < g.outSize; o++) {
    for (let t = 0; t < g.kernel; t++) {
      const i = o * g.stride - g.pad + t * g.dilation;
      out[o * g.kernel + t] = i >= 0 && i < g.inSize ? i : -1;
    }
  }
  return out;
}

/** out[o] = Σ_t v[input of (o, t)]. */
function tapSumVector(v: Float64Array, g: AxisGeometry): Float64Array {
  if (isIdentity(g)) return v;
  const tp = taps(g);
  const out = new Float64Array(g.outSize);
  for (let o = 0; o < g.outSize; o++) {
    for (let t = 0; t < g.kernel; t++) {
      const i = tp[o * g.kernel + t];
      if (i >= 0) out[o] += v[i];
    }
  }
  return out;
}

/** out[o, o'] = Σ_t m[input of (o, t), input of (o', t)] over the taps valid for both. */
function tapSumMatrix(m: Float64Array, g: AxisGeometry): Float64Array {
  if (isIdentity(g)) return m;
  const tp = taps(g);
  const n = g.outSize;
  const L = g.inSize;
  const out = new Float64Array(n * n);
  for (let o = 0; o < n; o++) {
    for (let o2 = o; o2 < n; o2++) {
      let s = 0;
      for (let t = 0; t < g.kernel; t++) {
        const i = tp[o * g.kernel + t];
        const j = tp[o2 * g.kernel + t];
        if (i >= 0 && j >= 0) s += m[i * L + j];
      }
      out[o * n + o2] = out[o2 * n + o] = s;
    }
  }
  return out;
}

function sameGeometry(a: AxisGeometry, b: AxisGeometry): boolean {
  return a.inSize === b.inSize && a.outSize === b.outSize && a.kernel === b.kernel && a.stride === b.stride && a.pad === b.pad && a.dilation === b.dilation;
}

/** Per axis, the mapped factors of the input axis (computed once when both axes agree). */
interface Mapped {
  iid: Float64Array;
  corr: Float64Array;
  mean: Float64Array;
}

const geometryKey = (g: AxisGeometry) => `${g.inSize},${g.outSize},${g.kernel},${g.stride},${g.pad},${g.dilation}`;
const constantMaps = new Map<string, Float64Array>();

/** tapSumMatrix of a shared constant (identity, all ones): depends on the geometry only. */
function mappedConstant(m: Float64Array, name: string, g: AxisGeometry): Float64Array {
  const key = `${name},${geometryKey(g)}`;
  let out = constantMaps.get(key);
  if (!out) constantMaps.set(key, (out = tapSumMatrix(m, g)));
  return out;
}

function mapMatrix(m: Float64Array, g: AxisGeometry): Float64Array {
  if (m === allOnes(g.inSize)) return mappedConstant(m, 'J', g);
  if (m === identity(g.inSize)) return mappedConstant(m, 'I', g);
  return tapSumMatrix(m, g);
}

function mapAxes(x: SpatialKernel, geometry: AxisGeometry[], withCorr: boolean, withMean: boolean): Mapped[] {
  const out: Mapped[] = [];
  geometry.forEach((g, i) => {
    const a: AxisKernel = x.axes[i];
    if (i > 0 && x.axes[0] === a && sameGeometry(geometry[0], g)) return out.push(out[0]);
    const unused = identity(g.outSize);
    const mean = a.mean === ones(g.inSize) ? allOnes(g.inSize) : outer(a.mean);
    out.push({ iid: tapSumVector(a.iid, g), corr: withCorr ? mapMatrix(a.corr, g) : unused, mean: withMean ? mapMatrix(mean, g) : unused });
  });
  return out;
}

export interface ConvInput {
  kernel: SpatialKernel;
  /** The input's mean (the kernel's mean profile is relative to it). */
  mean: number;
  /** σ²·n: weight variance times input channels per group. */
  gain: number;
  biasVariance: number;
}

export function convKernel(c: ConvInput, geometry: AxisGeometry[]): SpatialKernel {
  const x = c.kernel;
  const mapped = mapAxes(x, geometry, x.corr !== 0, c.mean !== 0);
  const [H, W] = geometry.map((g) => g.outSize);
  const sameAxes = mapped[0] === mapped[1];
  const fit = kron1(
    [
      { coef: c.gain * x.corr, h: mapped[0].corr, w: mapped[1].corr },
      { coef: c.gain * c.mean * c.mean, h: mapped[0].mean, w: mapped[1].mean },
      { coef: c.biasVariance, h: allOnes(H), w: allOnes(W) },
    ],
    H,
    W,
  );
  // Every position's exact variance; what the Kronecker fit leaves on the diagonal is independent.
  const [mh, mw] = mapped;
  const [scale, hp, wp] = separableMarginals(
    [
      { coef: c.gain * x.iid, h: mh.iid, w: mw.iid },
      { coef: c.gain * x.corr, h: diagonal(mh.corr, H), w: diagonal(mw.corr, W) },
      { coef: c.gain * c.mean * c.mean, h: diagonal(mh.mean, H), w: diagonal(mw.mean, W) },
      { coef: c.biasVariance, h: ones(H), w: ones(W) },
      { coef: -fit.scale, h: diagonal(fit.h, H), w: diagonal(fit.w, W) },
    ],
    H,
    W,
  );
  const hAxis: AxisKernel = { size: H, iid: hp, corr: fit.h, mean: ones(H) };
  const wAxis: AxisKernel = sameAxes && fit.h === fit.w ? hAxis : { size: W, iid: wp, corr: fit.w, mean: ones(W) };
  return { axes: [hAxis, wAxis], iid: scale, corr: fit.scale, gaussian: true };
}
