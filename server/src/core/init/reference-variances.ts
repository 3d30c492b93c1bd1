/**
 * The variances the standard schemes would give a weight blob, from Caffe's fans:
 * - Caffe xavier: 1/n, n per its variance_norm (FAN_IN: LeCun; AVERAGE: Glorot) — filler.hpp;
 * - Glorot & Bengio (2010): 2/(fan_in + fan_out);
 * - He et al. (2015): 2/((1 + a²)·fan_in) for a ReLU-family slope a (0 for plain ReLU).
 * The recommendation for a blob is He's for ReLU-family followers (Caffe's msra gives 2/fan_in),
 * and 1/fan_in (Caffe's xavier) otherwise.
 */
import { normDivisor, type Fans } from './fans';
import type { VarianceNorm } from './filler-spec';
import type { Nonlinearity } from './following-nonlinearity';
import { isReluFamily } from './following-nonlinearity';

export interface ReferenceVariances {
  /** Caffe's xavier with the filler's variance_norm (FAN_IN when the filler is not xavier/msra). */
  caffeXavier: number;
  glorot: number;
  he: number;
  /** The slope a used in He's formula. */
  heSlope: number;
}

export function referenceVariances(fans: Fans, norm: VarianceNorm, following: Nonlinearity): ReferenceVariances {
  const a = isReluFamily(following) ? following.slope ?? 0 : 0;
  return {
    caffeXavier: 1 / normDivisor(fans, norm),
    glorot: 2 / (fans.fanIn + fans.fanOut),
    he: 2 / ((1 + a * a) * fans.fanIn),
    heSlope: a,
  };
}

export interface Recommendation {
  /** The Caffe filler that gives (about) the recommended variance. */
  type: 'msra' | 'xavier';
  /** The variance the analysis compares against. */
  variance: number;
  /** How it is derived, for messages: "He: 2/fan_in". */
  scheme: string;
  /** What the suggested Caffe filler gives: 2/fan_in or 1/fan_in. */
  fillerVariance: number;
}

export function recommend(fans: Fans, following: Nonlinearity): Recommendation {
  if (isReluFamily(following)) {
    const a = following.slope ?? 0;
    return {
      type: 'msra',
      variance: 2 / ((1 + a * a) * fans.fanIn),
      scheme: a === 0 ? 'He: 2/fan_in' : `He: 2/((1+a²)·fan_in), a = ${a}`,
      fillerVariance: 2 / fans.fanIn,
    };
  }
  return { type: 'xavier', variance: 1 / fans.fanIn, scheme: 'LeCun / Caffe xavier: 1/fan_in', fillerVariance: 1 / fans.fanIn };
}

/**
 * How much a layer with this weight variance scales the signal's second moment per layer, taking
 * the nonlinearity into account (He §2.2: fan_in·Var(W)·(1+a²)/2 for the ReLU family; linear
 * regime otherwise). 1 keeps the signal steady.
 */
export function signalGain(fans: Fans, variance: number, following: Nonlinearity): number {
  const act = isReluFamily(following) ? (1 + (following.slope ?? 0) ** 2) / 2 : 1;
  return fans.fanIn * variance * act;
}
