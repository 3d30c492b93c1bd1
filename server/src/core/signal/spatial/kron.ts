/**
 * The nearest Kronecker product (Van Loan and Pitsianis 1993): c·A⊗B closest in Frobenius norm to a
 * sum Σ_k coef_k·h_k⊗w_k of per-axis matrices. It is the leading singular pair of the sum
 * rearranged as vec(h_k)·vec(w_k)ᵀ, found by power iteration on the K coefficients of A = Σ α_k h_k
 * and B = Σ β_k w_k (only the K×K Gram matrices of the terms are needed). Square maps with the same
 * factor on both axes stay symmetric: A = B, one matrix for both axes.
 */
import { average, diagonal, identity } from './kernel';

export interface Term {
  coef: number;
  h: Float64Array;
  w: Float64Array;
}

export interface Kron {
  /** c, with A and B normalised to diagonal mean 1. */
  scale: number;
  h: Float64Array;
  w: Float64Array;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function gram(ms: Float64Array[]): number[][] {
  const g = ms.map(() => new Array<number>(ms.length).fill(0));
  for (let k = 0; k < ms.length; k++) for (let l = k; l < ms.length; l++) g[k][l] = g[l][k] = dot(ms[k], ms[l]);
  return g;
}

function times(g: number[][], x: number[]): number[] {
  const out = new Array<number>(x.length);
  for (let k = 0; k < x.length; k++) {
    let s = 0;
    for (let l = 0; l < x.length; l++) s += g[k][l] * x[l];
    out[k] = s;
  }
  return out;
}

function quad(g: number[][], x: number[]): number {
  const gx = times(g, x);
  let s = 0;
  for (let k = 0; k < x.length; k++) s += gx[k] * x[k];
  return s;
}

function combine(ms: Float64Array[], coefs: number[]): Float64Array {
  const out = new Float64Array(ms[0].length);
  ms.forEach((m, k) => {
    const c = coefs[k];
    if (c !== 0) for (let i = 0; i < out.length; i++) out[i] += c * m[i];
  });
  return out;
}

const ITERATIONS = 40;

/** The leading singular pair in coefficient space: A = Σ α_k h_k, B = Σ β_k w_k, c = ⟨T, A⊗B⟩. */
function leadingPair(coef: number[], gh: number[][], gw: number[][], symmetric: boolean): { alpha: number[]; beta: number[]; scale: number } {
  let alpha = coef.slice();
  let beta = coef.slice();
  for (let it = 0; it < ITERATIONS; it++) {
    const gb = times(gw, beta);
    const previous = alpha;
    alpha = coef.map((c, k) => c * gb[k]);
    const na = Math.sqrt(Math.max(quad(gh, alpha), 1e-300));
    alpha = alpha.map((a) => a / na);
    const moved = alpha.reduce((s, a, k) => s + Math.abs(a - previous[k]), 0);
    if (symmetric) {
      beta = alpha;
      if (moved < 1e-12 * na) break;
      continue;
    }
    const ga = times(gh, alpha);
    beta = coef.map((c, k) => c * ga[k]);
    const nb = Math.sqrt(Math.max(quad(gw, beta), 1e-300));
    beta = beta.map((b) => b / nb);
  }
  const ga = times(gh, alpha);
  const gb = times(gw, beta);
  return { alpha, beta, scale: coef.reduce((s, c, k) => s + c * ga[k] * gb[k], 0) };
}

export function kron1(terms: Term[], H: number, W: number): Kron {
  const live = terms.filter((t) => t.coef !== 0 && Number.isFinite(t.coef));
  if (live.length === 0) return { scale: 0, h: identity(H), w: identity(W) };
  if (live.length === 1) return normalize(live[0].coef, live[0].h, live[0].w, H, W);
  const coef = live.map((t) => t.coef);
  const symmetric = H === W && live.every((t) => t.h === t.w);
  const gh = gram(live.map((t) => t.h));
  const gw = symmetric ? gh : gram(live.map((t) => t.w));
  const { alpha, beta, scale } = leadingPair(coef, gh, gw, symmetric);
  const A = combine(live.map((t) => t.h), alpha);
  const B = symmetric ? A : combine(live.map((t) => t.w), beta);
  return normalize(scale, A, B, H, W);
}

/** One axis of a power series: the matrices S∘X^n (S, X elementwise). */
export interface PowerAxis {
  S: Float64Array;
  X: Float64Array;
}

/** Σ_k S²·X^k over the entries, k = 0 … top. */
function powerSums(a: PowerAxis, top: number): number[] {
  const out = new Array<number>(top + 1).fill(0);
  for (let i = 0; i < a.X.length; i++) {
    const s2 = a.S[i] * a.S[i];
    const x = a.X[i];
    let p = s2;
    for (let k = 0; k <= top; k++) {
      out[k] += p;
      p *= x;
    }
  }
  return out;
}

function seriesMatrix(a: PowerAxis, powers: number[], alpha: number[]): Float64Array {
  const out = new Float64Array(a.X.length);
  for (let i = 0; i < out.length; i++) {
    const x = a.X[i];
    let v = 0;
    let xn = 1;
    for (let n = 0, k = 0; k < powers.length; n++) {
      if (powers[k] === n) v += alpha[k++] * xn;
      xn *= x;
    }
    out[i] = a.S[i] * v;
  }
  return out;
}

/**
 * kron1 of Σ_n coefs[n]·(S_h∘X_h^n) ⊗ (S_w∘X_w^n): the Gram matrices are power sums of X, so the
 * terms never need to be built (an activation's Mehler series, n = 1 … N).
 */
export function kronPowerSeries(coefs: number[], h: PowerAxis, w: PowerAxis, H: number, W: number): Kron {
  const powers: number[] = [];
  const coef: number[] = [];
  coefs.forEach((c, n) => {
    if (c !== 0 && Number.isFinite(c)) {
      powers.push(n);
      coef.push(c);
    }
  });
  if (coef.length === 0) return { scale: 0, h: identity(H), w: identity(W) };
  const top = 2 * powers[powers.length - 1];
  const symmetric = h === w;
  const ph = powerSums(h, top);
  const pw = symmetric ? ph : powerSums(w, top);
  const gh = powers.map((n) => powers.map((m) => ph[n + m]));
  const gw = symmetric ? gh : powers.map((n) => powers.map((m) => pw[n + m]));
  const { alpha, beta, scale } = leadingPair(coef, gh, gw, symmetric);
  const A = seriesMatrix(h, powers, alpha);
  const B = symmetric ? A : seriesMatrix(w, powers, beta);
  return normalize(scale, A, B, H, W);
}

function normalize(scale: number, A: Float64Array, B: Float64Array, H: number, W: number): Kron {
  const da = average(diagonal(A, H));
  const db = A === B ? da : average(diagonal(B, W));
  if (!(Math.abs(da) > 1e-300) || !(Math.abs(db) > 1e-300) || !Number.isFinite(scale)) return { scale: 0, h: identity(H), w: identity(W) };
  const h = A.map((x) => x / da);
  const w = A === B ? h : B.map((x) => x / db);
  return { scale: scale * da * db, h, w };
}

/**
 * kron1 fitted to the entries between distinct positions only (p ≠ p'): the diagonal of such a sum
 * may hold what is independent at each position (pooling windows share only some inputs), which
 * belongs to the independent part, not to the correlated one. Alternating least squares from the
 * unmasked fit; the diagonal fit is then the correlated part's continuation onto p = p'.
 */
export function kron1Offdiagonal(terms: Term[], H: number, W: number): Kron {
  const start = kron1(terms, H, W);
  const live = terms.filter((t) => t.coef !== 0 && Number.isFinite(t.coef));
  if (live.length === 0 || H * W < 2) return start;
  let A: Float64Array = start.h.map((x) => x * start.scale);
  let B: Float64Array = start.w;
  for (let it = 0; it < 8; it++) {
    A = update(live, B, (t) => t.h, (t) => t.w, H, W);
    B = update(live, A, (t) => t.w, (t) => t.h, W, H);
  }
  if (H === W && start.h === start.w) {
    // Both axes alike: one factor, the geometric blend of the two (their product is what was fitted).
    const a = Math.sqrt(Math.max(dot(A, A), 1e-300));
    const b = Math.sqrt(Math.max(dot(B, B), 1e-300));
    const m = A.map((x, i) => (x / a + B[i] / b) / 2);
    const n = dot(m, m);
    const scale = n > 0 ? (a * b) / n : 0;
    return normalize(scale, m, m, H, W);
  }
  return normalize(1, A, B, H, W);
}

/** One ALS step: the factor along `mine` given the other axis's factor `other`, masking p = p'. */
function update(terms: Term[], other: Float64Array, mine: (t: Term) => Float64Array, theirs: (t: Term) => Float64Array, n: number, m: number): Float64Array {
  const otherDiag = diagonal(other, m);
  const d2 = dot(otherDiag, otherDiag);
  const o2 = dot(other, other);
  const full = terms.map((t) => t.coef * dot(theirs(t), other));
  const diag = terms.map((t) => t.coef * dot(diagonal(theirs(t), m), otherDiag));
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let num = 0;
      terms.forEach((t, k) => {
        num += mine(t)[i * n + j] * (i === j ? full[k] - diag[k] : full[k]);
      });
      const den = i === j ? o2 - d2 : o2;
      out[i * n + j] = den > 1e-300 ? num / den : 0;
    }
  }
  return out;
}
