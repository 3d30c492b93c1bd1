/**
 * How many inputs a sliding window really reads, per spatial axis, with padding: a border output of
 * a padded convolution sums fewer than k taps (the padding is zeros), and on the small maps of deep
 * layers that changes the variance by a large factor. The counts are exact; a window's count over
 * several axes is the product of the per-axis counts, so averages over positions factor per axis.
 */

export interface ConvAxis {
  /** Average over output positions of the in-bounds taps (each weighted by its input's profile), and of the plain count's square. */
  gather1: number;
  gather2: number;
  /** Average over input positions of the (output, tap) pairs that read it. */
  scatter1: number;
  /**
   * Average over pairs of outputs 1 or 2 apart of the taps valid for both (weighted like gather1):
   * the part of a channel's offset two nearby outputs share; below gather1 where borders cut windows.
   */
  near: number;
  /** The outputs' profile along the axis (mean 1). */
  profile: Float64Array;
}

/**
 * One axis of Caffe's im2col geometry: output o reads input o·stride − pad + t·dilation, t < kernel.
 * `weights` is the input's profile along the axis (undefined: uniform).
 */
export function convAxis(inSize: number, outSize: number, kernel: number, stride: number, pad: number, dilation: number, weights?: Float64Array): ConvAxis {
  const w = (i: number) => (weights && weights.length === inSize ? weights[i] : 1);
  let g1 = 0;
  let g2 = 0;
  let total = 0;
  const sums = new Float64Array(outSize);
  const valid = (o: number, t: number) => {
    const i = o * stride - pad + t * dilation;
    return i >= 0 && i < inSize ? i : -1;
  };
  for (let o = 0; o < outSize; o++) {
    let c = 0;
    let sum = 0;
    for (let t = 0; t < kernel; t++) {
      const i = valid(o, t);
      if (i >= 0) {
        c++;
        sum += w(i);
      }
    }
    sums[o] = sum;
    g1 += sum;
    g2 += c * c;
    total += c;
  }
  let near = 0;
  let pairs = 0;
  for (let o = 0; o < outSize; o++) {
    for (let d = 1; d <= 2 && o + d < outSize; d++) {
      for (let t = 0; t < kernel; t++) {
        const i = valid(o, t);
        const j = valid(o + d, t);
        if (i >= 0 && j >= 0) near += (w(i) + w(j)) / 2;
      }
      pairs++;
    }
  }
  const gather1 = outSize ? g1 / outSize : 0;
  const profile = sums.map((x) => (gather1 > 0 ? x / gather1 : 1));
  return { gather1, gather2: outSize ? g2 / outSize : 0, scatter1: inSize ? total / inSize : 0, near: pairs ? near / pairs : gather1, profile };
}

/**
 * Average over distinct pairs of positions in a 3×3… neighbourhood of the taps both read: per axis a
 * pair is either at one position (gather1 taps) or 1–2 apart (near taps); pairs multiply over axes.
 */
export function nearbyShared(axes: { same: number; near: number }[]): number {
  let all = 1;
  let identical = 1;
  for (const a of axes) {
    all *= 3 * a.same + 6 * a.near;
    identical *= 3 * a.same;
  }
  const d = axes.length;
  const count = 9 ** d - 3 ** d;
  return count ? (all - identical) / count : identical / 3 ** d;
}

/** Per axis, the average of an input profile over each window's valid inputs, renormalised to mean 1. */
export function pooledProfile(axis: PoolWindow[], weights: Float64Array | undefined): Float64Array | undefined {
  if (!weights) return undefined;
  const out = new Float64Array(axis.length);
  let total = 0;
  axis.forEach((win, o) => {
    let sum = 0;
    for (let k = 0; k < win.valid; k++) sum += weights[win.start + k] ?? 1;
    out[o] = win.valid ? sum / win.valid : 0;
    total += out[o];
  });
  const mean = axis.length ? total / axis.length : 1;
  return out.map((x) => (mean > 0 ? x / mean : 1));
}

export interface PoolWindow {
  /** The first input position inside the window. */
  start: number;
  /** Input positions inside the window (what MAX compares and AVE sums). */
  valid: number;
  /** AVE's divisor: the window clipped to the padded input, padding counted (pooling_layer.cpp). */
  size: number;
}

/** One axis of PoolingLayer: start = o·stride − pad, end = min(start + k, in + pad), then clipped to [0, in). */
export function poolAxis(inSize: number, outSize: number, kernel: number, stride: number, pad: number): PoolWindow[] {
  const out: PoolWindow[] = [];
  for (let o = 0; o < outSize; o++) {
    let start = o * stride - pad;
    let end = Math.min(start + kernel, inSize + pad);
    const size = end - start;
    start = Math.max(start, 0);
    end = Math.min(end, inSize);
    out.push({ start, valid: Math.max(0, end - start), size });
  }
  return out;
}

/** Average over the windows of g(window) for a per-axis factorable g: the product of per-axis averages. */
export function averageOver(axes: PoolWindow[][], g: (w: PoolWindow) => number): number {
  let product = 1;
  for (const axis of axes) {
    let sum = 0;
    for (const w of axis) sum += g(w);
    product *= axis.length ? sum / axis.length : 0;
  }
  return product;
}

/** Average over input positions of Σ over the windows that contain it of h(window) (per axis, multiplied). */
export function scatterAverage(axes: PoolWindow[][], inSizes: number[], h: (w: PoolWindow) => number): number {
  let product = 1;
  axes.forEach((axis, i) => {
    let sum = 0;
    for (const w of axis) sum += w.valid * h(w);
    product *= inSizes[i] ? sum / inSizes[i] : 0;
  });
  return product;
}
