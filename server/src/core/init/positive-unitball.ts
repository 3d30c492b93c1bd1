/**
 * The variance of one value of Caffe's positive_unitball filler: d uniform U(0,1) draws divided by
 * their sum (filler.hpp normalises each shape(0)-slice of d = fan_in values to sum 1). The mean is
 * exactly 1/d; E[(X/S)²] has no closed form, so it is integrated numerically from
 *   E[X²/S²] = ∫₀^∞ t · E[X² e^(−tX)] · E[e^(−tU)]^(d−1) dt     (using 1/S² = ∫₀^∞ t e^(−tS) dt),
 * with E[e^(−tU)] = (1 − e^(−t))/t and E[U² e^(−tU)] = (2 − e^(−t)(t² + 2t + 2))/t³.
 */

/** ∫₀¹ u^k e^(−tu) du for k = 0, 2, by series near 0 where the closed forms cancel. */
function laplaceU0(t: number): number {
  return t < 1e-4 ? 1 - t / 2 + (t * t) / 6 : -Math.expm1(-t) / t;
}

function laplaceU2(t: number): number {
  if (t < 0.5) {
    // Σ (−t)^k / (k! (k+3))
    let term = 1;
    let sum = 0;
    for (let k = 0; k < 30; k++) {
      sum += term / (k + 3);
      term *= -t / (k + 1);
    }
    return sum;
  }
  return (2 - Math.exp(-t) * (t * t + 2 * t + 2)) / (t * t * t);
}

const cache = new Map<number, number>();

/** Var of one value for rows of d values. */
export function positiveUnitballVariance(d: number): number {
  if (d <= 1) return 0;
  const hit = cache.get(d);
  if (hit !== undefined) return hit;
  // Trapezoid rule in s = ln t: smooth and fast-decaying on both sides.
  const h = 0.02;
  let sum = 0;
  for (let s = -30; s <= 30; s += h) {
    const t = Math.exp(s);
    const term = t * t * laplaceU2(t) * Math.pow(laplaceU0(t), d - 1);
    sum += term;
    if (s > 0 && term < 1e-300) break;
  }
  const variance = Math.max(0, sum * h - 1 / (d * d));
  cache.set(d, variance);
  return variance;
}
