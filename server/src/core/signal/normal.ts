/**
 * The standard normal density φ and distribution Φ, to double precision: erf by its Taylor series
 * near 0, erfc by its continued fraction in the tails (where the series would cancel).
 */

const SQRT_PI = Math.sqrt(Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

export function phi(z: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
}

/** erf(x) = 2/√π Σ (−1)^n x^(2n+1) / (n! (2n+1)); used for |x| ≤ 2.5. */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 80; n++) {
    term *= -x2 / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return (2 / SQRT_PI) * sum;
}

/** erfc(x) for x > 2.5: e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), by modified Lentz. */
function erfcFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 300; k++) {
    const a = k / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (SQRT_PI * f);
}

export function erfc(x: number): number {
  if (x > 2.5) return erfcFraction(x);
  if (x < -2.5) return 2 - erfcFraction(-x);
  return 1 - erfSeries(x);
}

/** P(Z ≤ z) for a standard normal Z. */
export function Phi(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}
