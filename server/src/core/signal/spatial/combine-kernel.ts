/**
 * Kernels through the layers that scale, shift, centre or add maps: Scale and Bias with fixed values
 * (scale_layer.cpp, bias_layer.cpp), BatchNorm (batch_norm_layer.cpp) and Eltwise SUM
 * (eltwise_layer.cpp). Random per-channel factors have no kernel here (their rules fall back to the
 * per-value moments).
 */
import { allOnes, average, diagonal, meanProfiles, ones, outer, separableMap, separableMarginals, type AxisKernel, type Separable, type SpatialKernel } from './kernel';
import { kron1, type Term } from './kron';

/** Axes with new independent and mean profiles; one object for both when the input's axes were one. */
function reaxed(k: SpatialKernel, iid: Float64Array[], mean: Float64Array[], corr: Float64Array[] = k.axes.map((a) => a.corr)): AxisKernel[] {
  const h: AxisKernel = { size: k.axes[0].size, iid: iid[0], corr: corr[0], mean: mean[0] };
  if (k.axes[0] === k.axes[1] && corr[0] === corr[1]) return [h, h];
  return [h, { size: k.axes[1].size, iid: iid[1], corr: corr[1], mean: mean[1] }];
}

/**
 * y = γ·x + β with fixed γ, β: the covariance scales by γ², the mean map becomes γ·m(p) + β (its
 * per-axis profile re-read from the map when both parts vary).
 */
export function affineKernel(k: SpatialKernel, mean: number, gamma: number, beta: number): SpatialKernel {
  const [H, W] = k.axes.map((a) => a.size);
  let profiles = k.axes.map((a) => a.mean);
  if (gamma * mean === 0) profiles = [ones(H), ones(W)];
  else if (beta !== 0) {
    const map = separableMap(
      [
        { coef: gamma * mean, h: profiles[0], w: profiles[1] },
        { coef: beta, h: ones(H), w: ones(W) },
      ],
      H,
      W,
    );
    const [, mh, mw] = meanProfiles(map);
    profiles = [mh, mw];
  }
  const axes = reaxed(k, k.axes.map((a) => a.iid), profiles);
  return { axes, iid: gamma * gamma * k.iid, corr: gamma * gamma * k.corr, gaussian: k.gaussian };
}

/**
 * BatchNorm with batch statistics (one sample): each channel minus its average over the map, over
 * its standard deviation. What the average removes is the part every position shares; what stays is
 * how a position differs from the map's average — border positions smaller — kept as the
 * independent part's profile. The values of a channel now sum to 0: any two covary by −v/(P − 1),
 * a correlated part of negative scale on all-ones factors.
 */
export function centeredKernel(k: SpatialKernel, mean: number, variance: number): SpatialKernel {
  const [ha, wa] = k.axes;
  const H = ha.size;
  const W = wa.size;
  const P = H * W;
  const rowMean = (a: AxisKernel) => Float64Array.from({ length: a.size }, (_, i) => average(a.corr.subarray(i * a.size, (i + 1) * a.size)));
  const rh = rowMean(ha);
  const rw = wa === ha ? rh : rowMean(wa);
  const all = k.corr * average(rh) * average(rw) + k.iid / P;
  const m = mean * average(ha.mean) * average(wa.mean);
  const squares = (v: Float64Array) => v.map((x) => x * x);
  // Var(x_p − x̄) = Var(x_p) − 2·Cov(x_p, x̄) + Var(x̄), plus how far the position's mean is from the map's.
  const [, dh, dw] = separableMarginals(
    [
      { coef: k.iid * (1 - 2 / P), h: ha.iid, w: wa.iid },
      { coef: k.corr, h: diagonal(ha.corr, H), w: diagonal(wa.corr, W) },
      { coef: -2 * k.corr, h: rh, w: rw },
      { coef: all + m * m, h: ones(H), w: ones(W) },
      { coef: mean * mean, h: squares(ha.mean), w: squares(wa.mean) },
      { coef: -2 * m * mean, h: ha.mean, w: wa.mean },
    ],
    H,
    W,
  );
  const negative = P > 1 ? -variance / (P - 1) : 0;
  const shared = allOnes(H);
  const corr = ha === wa ? [shared, shared] : [shared, allOnes(W)];
  return { axes: reaxed(k, [dh, dw], [ones(H), ones(W)], corr), iid: variance - negative, corr: negative, gaussian: k.gaussian };
}

export interface SumTerm {
  kernel: SpatialKernel;
  mean: number;
  coeff: number;
}

/** Σ c_i·x_i of independent maps: the covariances add (c_i² each), and so do the means. */
export function sumKernels(terms: SumTerm[]): SpatialKernel {
  const [H, W] = terms[0].kernel.axes.map((a) => a.size);
  const fit = kron1(
    terms.map<Term>((t) => ({ coef: t.coeff * t.coeff * t.kernel.corr, h: t.kernel.axes[0].corr, w: t.kernel.axes[1].corr })),
    H,
    W,
  );
  // Every position's variance adds exactly; what the fit leaves of it is independent.
  const [iid, dh, dw] = separableMarginals(
    [
      ...terms.flatMap<Separable>((t) => [
        { coef: t.coeff * t.coeff * t.kernel.iid, h: t.kernel.axes[0].iid, w: t.kernel.axes[1].iid },
        { coef: t.coeff * t.coeff * t.kernel.corr, h: diagonal(t.kernel.axes[0].corr, H), w: diagonal(t.kernel.axes[1].corr, W) },
      ]),
      { coef: -fit.scale, h: diagonal(fit.h, H), w: diagonal(fit.w, W) },
    ],
    H,
    W,
  );
  const [, mh, mw] = meanProfiles(separableMap(terms.map((t) => ({ coef: t.coeff * t.mean, h: t.kernel.axes[0].mean, w: t.kernel.axes[1].mean })), H, W));
  const same = terms.every((t) => t.kernel.axes[0] === t.kernel.axes[1]) && fit.h === fit.w;
  const hAxis: AxisKernel = { size: H, iid: dh, corr: fit.h, mean: mh };
  const wAxis: AxisKernel = same ? hAxis : { size: W, iid: dw, corr: fit.w, mean: mw };
  return { axes: [hAxis, wAxis], iid, corr: fit.scale, gaussian: terms.every((t) => t.kernel.gaussian) };
}

export interface MixTerm {
  share: number;
  kernel: SpatialKernel;
  mean: number;
}

/**
 * Concat's parts side by side: a channel drawn at random belongs to part i with its share, so the
 * covariance of two of its positions is Σ share_i·(C_i + m_i m_i') − m m' (m the mixed mean map).
 */
export function mixKernels(parts: MixTerm[], mean: number): SpatialKernel {
  const [H, W] = parts[0].kernel.axes.map((a) => a.size);
  const meanMap = separableMap(parts.map((p) => ({ coef: p.share * p.mean, h: p.kernel.axes[0].mean, w: p.kernel.axes[1].mean })), H, W);
  const [, mh, mw] = meanProfiles(meanMap);
  const squares = (v: Float64Array) => v.map((x) => x * x);
  const terms: Term[] = [];
  const diagonalTerms: Separable[] = [];
  for (const p of parts) {
    const [ha, wa] = p.kernel.axes;
    terms.push({ coef: p.share * p.kernel.corr, h: ha.corr, w: wa.corr }, { coef: p.share * p.mean * p.mean, h: outer(ha.mean), w: outer(wa.mean) });
    diagonalTerms.push(
      { coef: p.share * p.kernel.iid, h: ha.iid, w: wa.iid },
      { coef: p.share * p.kernel.corr, h: diagonal(ha.corr, H), w: diagonal(wa.corr, W) },
      { coef: p.share * p.mean * p.mean, h: squares(ha.mean), w: squares(wa.mean) },
    );
  }
  terms.push({ coef: -mean * mean, h: outer(mh), w: outer(mw) });
  const fit = kron1(terms, H, W);
  const [iid, dh, dw] = separableMarginals(
    [...diagonalTerms, { coef: -mean * mean, h: squares(mh), w: squares(mw) }, { coef: -fit.scale, h: diagonal(fit.h, H), w: diagonal(fit.w, W) }],
    H,
    W,
  );
  const hAxis: AxisKernel = { size: H, iid: dh, corr: fit.h, mean: mh };
  const wAxis: AxisKernel = H === W && fit.h === fit.w ? hAxis : { size: W, iid: dw, corr: fit.w, mean: mw };
  return { axes: [hAxis, wAxis], iid, corr: fit.scale, gaussian: false };
}
