/** The real operations, straight from Caffe's layer sources, for the Monte Carlo checks (dense loops on small tensors). */

export interface Geometry {
  k: number;
  stride: number;
  pad: number;
  dilation: number;
  group: number;
}

/** conv_layer.cpp via im2col: x (C,H,W), w (O, C/g, k, k) → y (O, OH, OW). Returns y and the connection list for backward. */
export function conv(x: Float64Array, C: number, H: number, W: number, w: Float64Array, b: Float64Array | undefined, O: number, g: Geometry) {
  const ext = g.dilation * (g.k - 1) + 1;
  const OH = Math.trunc((H + 2 * g.pad - ext) / g.stride) + 1;
  const OW = Math.trunc((W + 2 * g.pad - ext) / g.stride) + 1;
  const Cg = C / g.group;
  const Og = O / g.group;
  const y = new Float64Array(O * OH * OW);
  const links: [number, number, number][] = []; // [output index, input index, weight index]
  for (let o = 0; o < O; o++) {
    const grp = Math.floor(o / Og);
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        const yi = (o * OH + oh) * OW + ow;
        let acc = b ? b[o] : 0;
        for (let c = 0; c < Cg; c++) {
          for (let i = 0; i < g.k; i++) {
            for (let j = 0; j < g.k; j++) {
              const ih = oh * g.stride - g.pad + i * g.dilation;
              const iw = ow * g.stride - g.pad + j * g.dilation;
              if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
              const xi = ((grp * Cg + c) * H + ih) * W + iw;
              const wi = ((o * Cg + c) * g.k + i) * g.k + j;
              acc += w[wi] * x[xi];
              links.push([yi, xi, wi]);
            }
          }
        }
        y[yi] = acc;
      }
    }
  }
  return { y, OH, OW, links };
}

export interface PoolWin {
  out: number;
  inputs: number[];
  size: number;
}

/** pooling_layer.cpp's windows over one H×W map (ceil rounding, padding clipped as Caffe does). */
export function poolWindows(H: number, W: number, k: number, stride: number, pad: number): { windows: PoolWin[]; OH: number; OW: number } {
  let OH = Math.ceil((H + 2 * pad - k) / stride) + 1;
  let OW = Math.ceil((W + 2 * pad - k) / stride) + 1;
  if (pad > 0) {
    if ((OH - 1) * stride >= H + pad) OH--;
    if ((OW - 1) * stride >= W + pad) OW--;
  }
  const windows: PoolWin[] = [];
  for (let oh = 0; oh < OH; oh++) {
    for (let ow = 0; ow < OW; ow++) {
      let hs = oh * stride - pad;
      let ws = ow * stride - pad;
      let he = Math.min(hs + k, H + pad);
      let we = Math.min(ws + k, W + pad);
      const size = (he - hs) * (we - ws);
      hs = Math.max(hs, 0);
      ws = Math.max(ws, 0);
      he = Math.min(he, H);
      we = Math.min(we, W);
      const inputs: number[] = [];
      for (let h = hs; h < he; h++) for (let w = ws; w < we; w++) inputs.push(h * W + w);
      windows.push({ out: oh * OW + ow, inputs, size });
    }
  }
  return { windows, OH, OW };
}
