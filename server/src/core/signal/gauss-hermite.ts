/**
 * Gauss–Hermite quadrature for expectations over a normal variable: E[f(X)], X ~ N(m, v), is
 * (1/√π) Σ w_i f(m + √(2v)·z_i) over the roots z_i of the Hermite polynomial H_n. The rule is exact
 * for polynomials of degree < 2n and converges fast for smooth f (tanh, sigmoid, softplus …); kinked
 * functions (ReLU family, clipping) use closed forms instead.
 *
 * Nodes and weights are computed here, not tabulated: the roots are bracketed by sign changes of the
 * orthonormal Hermite polynomial on a fine grid and polished by Newton's method; the weights are
 * 2 / h_n'(z)² for the orthonormal h_n (h_n' = √(2n)·h_(n−1)).
 */

export interface Quadrature {
  /** Points for a standard normal Z (already scaled by √2). */
  points: Float64Array;
  /** Weights summing to 1. */
  weights: Float64Array;
}

/** Orthonormal Hermite values h_n(z) and h_(n−1)(z) (weight e^(−z²)), by the three-term recurrence. */
function hermite(n: number, z: number): [number, number] {
  let prev = 0;
  let cur = Math.pow(Math.PI, -0.25);
  for (let j = 1; j <= n; j++) {
    const next = z * Math.sqrt(2 / j) * cur - Math.sqrt((j - 1) / j) * prev;
    prev = cur;
    cur = next;
  }
  return [cur, prev];
}

function newton(n: number, z0: number): number {
  let z = z0;
  for (let it = 0; it < 100; it++) {
    const [h, h1] = hermite(n, z);
    const step = h / (Math.sqrt(2 * n) * h1);
    z -= step;
    if (Math.abs(step) < 1e-15 * Math.max(1, Math.abs(z))) break;
  }
  return z;
}

function build(n: number): Quadrature {
  // Every root of H_n lies inside ±√(2n+1).
  const limit = Math.sqrt(2 * n + 1) + 0.5;
  const step = 0.5 / n;
  const roots: number[] = [];
  let zPrev = -limit;
  let hPrev = hermite(n, zPrev)[0];
  for (let z = -limit + step; z <= limit + 1e-12 && roots.length < n; z += step) {
    const h = hermite(n, z)[0];
    if (h === 0 || Math.sign(h) !== Math.sign(hPrev)) {
      // Bisect to a good start, then Newton.
      let a = zPrev;
      let b = z;
      let ha = hPrev;
      for (let k = 0; k < 30; k++) {
        const c = (a + b) / 2;
        const hc = hermite(n, c)[0];
        if (Math.sign(hc) === Math.sign(ha)) {
          a = c;
          ha = hc;
        } else b = c;
      }
      roots.push(newton(n, (a + b) / 2));
    }
    zPrev = z;
    hPrev = h;
  }
  if (roots.length !== n) throw new Error(`Gauss-Hermite: found ${roots.length} of ${n} roots`);
  const points = new Float64Array(n);
  const weights = new Float64Array(n);
  let total = 0;
  roots.forEach((z, i) => {
    const h1 = hermite(n, z)[1];
    const w = 2 / (2 * n * h1 * h1);
    points[i] = Math.SQRT2 * z;
    weights[i] = w / Math.sqrt(Math.PI);
    total += weights[i];
  });
  // The weights sum to 1 analytically; renormalise the last rounding away.
  for (let i = 0; i < n; i++) weights[i] /= total;
  return { points, weights };
}

const rules = new Map<number, Quadrature>();

export function gaussHermite(n: number): Quadrature {
  let q = rules.get(n);
  if (!q) rules.set(n, (q = build(n)));
  return q;
}

/** The rule size used by the signal rules: exact for polynomials up to degree 79. */
export const GH_POINTS = 40;

/** E[f(X)] for X ~ N(m, v). */
export function expectNormal(f: (x: number) => number, m: number, v: number, n = GH_POINTS): number {
  const { points, weights } = gaussHermite(n);
  const s = Math.sqrt(Math.max(0, v));
  let sum = 0;
  for (let i = 0; i < points.length; i++) sum += weights[i] * f(m + s * points[i]);
  return sum;
}
