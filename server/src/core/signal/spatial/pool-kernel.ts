/**
 * Pooling's output kernel (pooling_layer.cpp's windows, window-counts.ts).
 * - AVE is linear: per axis, the windows' sums of the input's factors, divided by Caffe's sizes.
 * - MAX: each window's maximum from its own covariance (max-of-window.ts), once per distinct window
 *   (the interior windows of a large map are alike). Two outputs covary through the inputs that win:
 *   Cov(M_o, M_o') ≈ Σ_{i,j} P(i wins o)·P(j wins o')·Cov(x_i, x_j) (exact against any Gaussian, Stein's
 *   lemma, for one side), per axis with the winners' marginal weights. A monotone activation before
 *   the pool is applied to the maxima by Mehler's formula (activation-kernel.ts).
 * Between distinct outputs the covariance is fitted (kron1Offdiagonal); each output's own variance is
 * exact and the independent part takes the rest.
 */
import type { Activation } from '../rules/activations';
import type { PoolWindow } from '../rules/window-counts';
import { activationCorrelation, type KernelMoments } from './activation-kernel';
import { alikeAxes, classMarginals, diagonal, groupAlike, meanProfiles, normalized, remainder, separableMap, type AxisKernel, type Marginals, type SpatialKernel } from './kernel';
import { kron1Offdiagonal, type Kron } from './kron';
import { maxOfWindow, type WindowMax } from './max-of-window';

/** Per axis and output, the window's weight on each input it reads (summing over the window). */
type Weights = Float64Array[];

/** Σ_{a, b} u_o[a]·u_o'[b]·M[start_o + a, start_o' + b]. */
function pooledMatrix(m: Float64Array, size: number, wins: PoolWindow[], u: Weights): Float64Array {
  const n = wins.length;
  const out = new Float64Array(n * n);
  for (let o = 0; o < n; o++) {
    for (let o2 = o; o2 < n; o2++) {
      let s = 0;
      const A = wins[o];
      const B = wins[o2];
      for (let a = 0; a < A.valid; a++) {
        const row = (A.start + a) * size;
        for (let b = 0; b < B.valid; b++) s += u[o][a] * u[o2][b] * m[row + B.start + b];
      }
      out[o * n + o2] = out[o2 * n + o] = s;
    }
  }
  return out;
}

/** Σ over the inputs both windows read of u_o·u_o'·v: the independent part two outputs share. */
function pooledShared(v: Float64Array, wins: PoolWindow[], u: Weights): Float64Array {
  const n = wins.length;
  const out = new Float64Array(n * n);
  for (let o = 0; o < n; o++) {
    for (let o2 = o; o2 < n; o2++) {
      const A = wins[o];
      const B = wins[o2];
      let s = 0;
      for (let i = Math.max(A.start, B.start); i < Math.min(A.start + A.valid, B.start + B.valid); i++) s += u[o][i - A.start] * u[o2][i - B.start] * v[i];
      out[o * n + o2] = out[o2 * n + o] = s;
    }
  }
  return out;
}

function pooledVector(v: Float64Array, wins: PoolWindow[], u: Weights): Float64Array {
  return Float64Array.from(wins, (w, o) => {
    let s = 0;
    for (let a = 0; a < w.valid; a++) s += u[o][a] * v[w.start + a];
    return s;
  });
}

/** The output kernel from the fitted correlated part and the outputs' variance and mean maps. */
function assemble(fit: Kron, variance: Marginals, mean: Marginals, second: number, gaussian: boolean, sameAxes: boolean): KernelMoments {
  const H = variance.h.length;
  const W = variance.w.length;
  const [iid, dh, dw] = remainder(variance, fit.scale, fit.h, fit.w);
  const [m, mh, mw] = meanProfiles(mean);
  const hAxis: AxisKernel = { size: H, iid: dh, corr: fit.h, mean: mh };
  const wAxis: AxisKernel = sameAxes && fit.h === fit.w ? hAxis : { size: W, iid: dw, corr: fit.w, mean: mw };
  return { kernel: { axes: [hAxis, wAxis], iid, corr: fit.scale, gaussian }, mean: m, variance: Math.max(0, second - m * m) };
}

const sameWindows = (a: PoolWindow[], b: PoolWindow[]) => a.length === b.length && a.every((w, i) => w.start === b[i].start && w.valid === b[i].valid && w.size === b[i].size);

/** AVE: y_o = Σ_window x / size (Caffe's size counts padding). */
export function avePoolKernel(x: SpatialKernel, mean: number, windows: PoolWindow[][]): KernelMoments {
  const sameAxes = alikeAxes(x.axes[0], x.axes[1]) && sameWindows(windows[0], windows[1]);
  const perAxis = windows.map((wins, i) => {
    if (i > 0 && sameAxes) return undefined;
    const a = x.axes[i];
    const u = wins.map((w) => new Float64Array(w.valid).fill(1 / w.size));
    return { corr: pooledMatrix(a.corr, a.size, wins, u), shared: pooledShared(a.iid, wins, u), mean: pooledVector(a.mean, wins, u) };
  });
  const [ph, pw] = [perAxis[0]!, perAxis[1] ?? perAxis[0]!];
  const [H, W] = windows.map((w) => w.length);
  const fit = kron1Offdiagonal(
    [
      { coef: x.corr, h: ph.corr, w: pw.corr },
      { coef: x.iid, h: ph.shared, w: pw.shared },
    ],
    H,
    W,
  );
  const variance = separableMap(
    [
      { coef: x.corr, h: diagonal(ph.corr, H), w: diagonal(pw.corr, W) },
      { coef: x.iid, h: diagonal(ph.shared, H), w: diagonal(pw.shared, W) },
    ],
    H,
    W,
  );
  const means = separableMap([{ coef: mean, h: ph.mean, w: pw.mean }], H, W);
  const meanSquares = separableMap([{ coef: mean * mean, h: ph.mean.map((v) => v * v), w: pw.mean.map((v) => v * v) }], H, W);
  return assemble(fit, variance, means, variance.average + meanSquares.average, x.gaussian, sameAxes);
}

/** Windows per axis whose factors agree (groupAlike) share one computation. */
function windowTypes(a: AxisKernel, wins: PoolWindow[]): { typeOf: Int32Array; first: number[] } {
  const features = wins.map((w) => {
    // The window's length first: windows of different lengths never agree.
    const f: number[] = [w.valid];
    for (let i = w.start; i < w.start + w.valid; i++) {
      f.push(a.iid[i], a.mean[i]);
      for (let j = w.start; j < w.start + w.valid; j++) f.push(a.corr[i * a.size + j]);
    }
    return Float64Array.from(f);
  });
  const g = groupAlike(features);
  return { typeOf: g.of, first: g.first };
}

export interface MaxInput {
  /** The Gaussian values the windows compare (the pre-activation when an activation came before). */
  pre: SpatialKernel;
  preMean: number;
  /** The monotone activation applied after the max (undefined: none). */
  act?: Activation;
  /**
   * Relative variance, across channels, of the independent part's scale (Moments.dispersion): each
   * channel's weights give it its own. A window's maximum grows with the scale's square root, so
   * half the channels are read at 1 − √d times the scale and half at 1 + √d.
   */
  dispersion?: number;
}

/**
 * Below this one scale stands for both: the pair's average differs from it by O(d), under 0.1 % on
 * the corpus nets (GoogLeNet, CaffeNet, SqueezeNet, LeNet), and it halves the work of each pool.
 */
const DISPERSION_MIN = 1e-2;

/** The average of two window results (the two channel scales). */
function mix(a: WindowMax, b: WindowMax): WindowMax {
  return {
    mean: (a.mean + b.mean) / 2,
    second: (a.second + b.second) / 2,
    preMean: (a.preMean + b.preMean) / 2,
    preSecond: (a.preSecond + b.preSecond) / 2,
    winners: a.winners.map((p, i) => (p + b.winners[i]) / 2),
  };
}

/** The result of a window with rows and columns swapped (the input has `rows` × `cols` winners). */
function transposed(r: WindowMax, rows: number, cols: number): WindowMax {
  const winners = new Float64Array(rows * cols);
  for (let a = 0; a < rows; a++) for (let b = 0; b < cols; b++) winners[b * rows + a] = r.winners[a * cols + b];
  return { ...r, winners };
}

/** MAX over each window, then the activation (if any). */
export function maxPoolKernel(input: MaxInput, windows: PoolWindow[][]): KernelMoments {
  const { pre, preMean, act } = input;
  const [ha, wa] = pre.axes;
  const [hw, ww] = windows;
  const sameAxes = alikeAxes(ha, wa) && sameWindows(hw, ww);
  const ht = windowTypes(ha, hw);
  const wt = sameAxes ? ht : windowTypes(wa, ww);
  const windowMax = (oh: number, ow: number): WindowMax => {
    const rows = hw[oh];
    const cols = ww[ow];
    const k = rows.valid * cols.valid;
    const mu = new Float64Array(k);
    const C = new Float64Array(k * k);
    const D = new Float64Array(k);
    for (let a = 0; a < rows.valid; a++) {
      for (let b = 0; b < cols.valid; b++) {
        const i = rows.start + a;
        const j = cols.start + b;
        const p = a * cols.valid + b;
        mu[p] = preMean * ha.mean[i] * wa.mean[j];
        D[p] = pre.iid * ha.iid[i] * wa.iid[j];
        for (let a2 = 0; a2 < rows.valid; a2++) {
          for (let b2 = 0; b2 < cols.valid; b2++) {
            C[p * k + a2 * cols.valid + b2] = pre.corr * ha.corr[i * ha.size + rows.start + a2] * wa.corr[j * wa.size + cols.start + b2];
          }
        }
      }
    }
    const d = input.dispersion ?? 0;
    if (d < DISPERSION_MIN) return maxOfWindow(mu, C, D, act?.f);
    const r = Math.sqrt(d);
    return mix(maxOfWindow(mu, C, D.map((v) => v * Math.max(0, 1 - r)), act?.f), maxOfWindow(mu, C, D.map((v) => v * (1 + r)), act?.f));
  };
  // With both axes alike, window (row type a, column type b) is window (b, a) transposed: the same
  // maximum, the winners' grid transposed. Half the windows are computed.
  const results: WindowMax[][] = ht.first.map(() => []);
  ht.first.forEach((oh, t) =>
    wt.first.forEach((ow, t2) => {
      results[t][t2] = sameAxes && t2 < t ? transposed(results[t2][t], hw[ow].valid, hw[oh].valid) : windowMax(oh, ow);
    }),
  );
  const H = hw.length;
  const W = ww.length;
  const counts = (t: { typeOf: Int32Array; first: number[] }) => {
    const c = new Array<number>(t.first.length).fill(0);
    for (const id of t.typeOf) c[id]++;
    return c;
  };
  const hCount = counts(ht);
  const wCount = counts(wt);
  const over = (value: (r: WindowMax) => number) => classMarginals({ classOf: ht.typeOf, count: hCount }, { classOf: wt.typeOf, count: wCount }, H, W, (a, b) => value(results[a][b]));
  const fMean = over((r) => r.mean);
  const fVar = over((r) => Math.max(0, r.second - r.mean * r.mean));
  const fSecond = over((r) => r.second).average;
  const pMean = over((r) => r.preMean);
  const pVar = over((r) => Math.max(0, r.preSecond - r.preMean * r.preMean));
  const pSecond = over((r) => r.preSecond).average;
  // Per axis and window type, the winners' marginal weights, averaged over the other axis's windows.
  const uhType = ht.first.map((o) => new Float64Array(hw[o].valid));
  const uwType = wt.first.map((o) => new Float64Array(ww[o].valid));
  ht.first.forEach((_, t) => {
    wt.first.forEach((o2, t2) => {
      const cols = ww[o2].valid;
      results[t][t2].winners.forEach((pw, q) => {
        uhType[t][Math.floor(q / cols)] += (pw * wCount[t2]) / W;
        uwType[t2][q % cols] += (pw * hCount[t]) / H;
      });
    });
  });
  const marginal = (axis: 0 | 1): Weights => (axis === 0 ? hw.map((_, o) => uhType[ht.typeOf[o]]) : ww.map((_, o) => uwType[wt.typeOf[o]]));
  const uh = marginal(0);
  const uw = sameAxes ? uh : marginal(1);
  const perAxis = [
    { a: ha, wins: hw, u: uh },
    { a: wa, wins: ww, u: uw },
  ].map(({ a, wins, u }, i) => (i > 0 && sameAxes ? undefined : { corr: pooledMatrix(a.corr, a.size, wins, u), shared: pooledShared(a.iid, wins, u) }));
  const [ph, pw] = [perAxis[0]!, perAxis[1] ?? perAxis[0]!];
  const preFit = kron1Offdiagonal(
    [
      { coef: pre.corr, h: ph.corr, w: pw.corr },
      { coef: pre.iid, h: ph.shared, w: pw.shared },
    ],
    H,
    W,
  );
  if (!act) return assemble(preFit, pVar, pMean, pSecond, false, sameAxes);
  // The maxima read as Gaussians (mean, variance per window) through the activation.
  const V = pVar.average;
  const vh = normalized(pVar.h)[1];
  const vw = sameAxes ? vh : normalized(pVar.w)[1];
  const preAxes: AxisKernel[] = [
    { size: H, iid: vh, corr: preFit.h, mean: vh },
    { size: W, iid: vw, corr: preFit.w, mean: vw },
  ];
  if (sameAxes && preFit.h === preFit.w) preAxes[1] = preAxes[0];
  const fit = activationCorrelation(act, preAxes, vh, vw, V, preFit.scale, pMean.average);
  return assemble(fit, fVar, fMean, fSecond, false, sameAxes);
}
