/**
 * The maximum M_a of a independent standard normals: density a·φ(x)·Φ(x)^(a−1). Its moments have no
 * closed form beyond a = 3, so they are integrated on a grid (trapezoid rule, step 0.04 on
 * [−8, 10]: the density is smooth and negligible outside). Max pooling uses them: a window of a
 * values sharing a channel offset is offset + (independent part)·M_a.
 */
import { Phi, phi } from './normal';

export interface MaxDistribution {
  /** Grid points and probability weights (summing to 1) of M_a. */
  points: Float64Array;
  weights: Float64Array;
  mean: number;
  second: number;
}

const cache = new Map<number, MaxDistribution>();

export function maxOfNormals(a: number): MaxDistribution {
  let d = cache.get(a);
  if (d) return d;
  const h = 0.04;
  const lo = -8;
  const n = Math.round(18 / h) + 1;
  const points = new Float64Array(n);
  const weights = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const x = lo + i * h;
    points[i] = x;
    weights[i] = a * phi(x) * Math.pow(Phi(x), a - 1) * (i === 0 || i === n - 1 ? 0.5 : 1);
    total += weights[i];
  }
  let mean = 0;
  let second = 0;
  for (let i = 0; i < n; i++) {
    weights[i] /= total;
    mean += weights[i] * points[i];
    second += weights[i] * points[i] * points[i];
  }
  d = { points, weights, mean, second };
  cache.set(a, d);
  return d;
}
