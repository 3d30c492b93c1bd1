/**
 * How many inputs a sliding window really reads, per spatial axis, with padding: a border output of
 * a padded convolution sums fewer than k taps (the padding is zeros), and on the small maps of deep
 * layers that changes the variance by a large factor. The counts are exact; a window's count over
 * several axes is the product of the per-axis counts, so averages over positions factor per axis.
 */

export interface ConvAxis {
  /** Average over output positions of the in-bounds taps, and of its square. */
  gather1: number;
  gather2: number;
  /** Average over input positions of the (output, tap) pairs that read it. */
  scatter1: number;
}

/** One axis of Caffe's im2col geometry: output o reads input o·stride − pad + t·dilation, t < kernel. */
export function convAxis(inSize: number, outSize: number, kernel: number, stride: number, pad: number, dilation: number): ConvAxis {
  let g1 = 0;
  let g2 = 0;
  let total = 0;
  for (let o = 0; o < outSize; o++) {
    const start = o * stride - pad;
    let c = 0;
    for (let t = 0; t < kernel; t++) {
      const i = start + t * dilation;
      if (i >= 0 && i < inSize) c++;
    }
    g1 += c;
    g2 += c * c;
    total += c;
  }
  return { gather1: outSize ? g1 / outSize : 0, gather2: outSize ? g2 / outSize : 0, scatter1: inSize ? total / inSize : 0 };
}

export interface PoolWindow {
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
    out.push({ valid: Math.max(0, end - start), size });
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
