/**
 * Mehler's formula: for standard normals Z, Z' with correlation ρ,
 *   E[f(b + σZ)·f(b + σZ')] = Σ_n ρ^n·ĥ_n²,   ĥ_n = E[f(b + σZ)·He_n(Z)] / √(n!)
 * (He_n the probabilists' Hermite polynomials). The n = 0 term is the squared mean, so the
 * covariance of two values of an activation is Σ_{n≥1} ρ^n·ĥ_n². The ReLU family has closed forms
 * (ĥ_n = σ·φ(t)·He_{n−2}(−t)/√(n!) for n ≥ 2, t = b/σ, from E[f^(n)] = the density's derivatives at 0);
 * other activations integrate by Gauss–Hermite.
 */
import { gaussHermite } from '../gauss-hermite';
import { Phi, phi } from '../normal';
import type { Activation } from '../rules/activations';

/** Terms kept: each ρ^n·ĥ_n² beyond n = 8 is below 0.15 % of a ReLU's variance, all of them together 0.5 % at ρ = 1. */
const HERMITE_TERMS = 9;

const logFactorials: number[] = [0];

function logFactorial(n: number): number {
  while (logFactorials.length <= n) logFactorials.push(logFactorials[logFactorials.length - 1] + Math.log(logFactorials.length));
  return logFactorials[n];
}

/** ĥ_n for f(x) = max(x, 0) at N(b, v). */
function reluCoefficients(b: number, v: number, N: number): Float64Array {
  const h = new Float64Array(N);
  const s = Math.sqrt(v);
  const t = b / s;
  h[0] = b * Phi(t) + s * phi(t);
  if (N > 1) h[1] = s * Phi(t);
  // He_k(−t) by its recurrence He_{k+1}(x) = x·He_k(x) − k·He_{k−1}(x).
  let prev = 0;
  let cur = 1;
  for (let n = 2; n < N; n++) {
    const k = n - 2;
    h[n] = (s * phi(t) * cur) / Math.exp(0.5 * logFactorial(n));
    const next = -t * cur - k * prev;
    prev = cur;
    cur = next;
  }
  return h;
}

/** Nodes for the coefficients' quadrature (more than expectNormal's GH_POINTS: high orders oscillate). */
const COEFFICIENT_POINTS = 60;

function quadratureCoefficients(f: (x: number) => number, b: number, v: number, N: number): Float64Array {
  const { points, weights } = gaussHermite(COEFFICIENT_POINTS);
  const s = Math.sqrt(v);
  const h = new Float64Array(N);
  for (let i = 0; i < points.length; i++) {
    const z = points[i];
    const y = weights[i] * f(b + s * z);
    let prev = 0;
    let cur = 1;
    for (let n = 0; n < N; n++) {
      h[n] += y * cur;
      const next = z * cur - n * prev;
      prev = cur;
      cur = next;
    }
  }
  for (let n = 0; n < N; n++) h[n] /= Math.exp(0.5 * logFactorial(n));
  return h;
}

/** ĥ_0 … ĥ_(N−1) of the activation at N(b, v) (v > 0). */
export function hermiteCoefficients(act: Activation, b: number, v: number, N = HERMITE_TERMS): Float64Array {
  if (act.leakySlope !== undefined) {
    // f = a·x + (1 − a)·max(x, 0).
    const a = act.leakySlope;
    const h = reluCoefficients(b, v, N).map((x) => (1 - a) * x);
    h[0] += a * b;
    if (N > 1) h[1] += a * Math.sqrt(v);
    return h;
  }
  return quadratureCoefficients(act.f, b, v, N);
}
