/**
 * The mean and variance of the values each Caffe filler writes (include/caffe/filler.hpp,
 * BVLC/caffe), as a table from filler type to formula. Formulas see the filler's values (defaults
 * applied) and the blob's shape; a shape of `undefined` (not inferable) leaves the shape-dependent
 * ones unknown.
 */
import type { Shape } from '../shapes/types';
import { blobCount, caffeFans, normDivisor } from './fans';
import type { FillerValues } from './filler-spec';
import { positiveUnitballVariance } from './positive-unitball';

/** How a filler's spread is best stated: a normal's std, a uniform's bound or range, a constant's value. */
export type Spread =
  | { kind: 'std'; std: number }
  | { kind: 'bound'; bound: number }
  | { kind: 'range'; min: number; max: number }
  | { kind: 'value'; value: number }
  | { kind: 'kernel'; size: number };

export interface FillerStats {
  mean: number;
  variance: number;
  spread: Spread;
  /** The divisor Caffe uses (xavier, msra): fan_in, fan_out or their average per variance_norm. */
  n?: number;
  /** constant and bilinear write fixed values; the others draw at random. */
  deterministic: boolean;
}

type Formula = (f: FillerValues, shape: Shape | undefined) => FillerStats | undefined;

/** Caffe's bilinear kernel value at (x, y) for a k×k filter: f = ceil(k/2), c = (k-1)/(2f). */
export function bilinearWeight(k: number, x: number, y: number): number {
  const f = Math.ceil(k / 2);
  const c = (k - 1) / (2 * f);
  return (1 - Math.abs(x / f - c)) * (1 - Math.abs(y / f - c));
}

const FORMULAS: Record<string, Formula> = {
  constant: (f) => ({ mean: f.value, variance: 0, spread: { kind: 'value', value: f.value }, deterministic: true }),

  uniform: (f) => ({
    mean: (f.min + f.max) / 2,
    variance: (f.max - f.min) ** 2 / 12,
    spread: { kind: 'range', min: f.min, max: f.max },
    deterministic: false,
  }),

  // With sparse >= 0 each value is kept with probability p = sparse / shape(0), else zeroed.
  gaussian: (f, shape) => {
    if (f.sparse < 0) return { mean: f.mean, variance: f.std ** 2, spread: { kind: 'std', std: f.std }, deterministic: false };
    if (!shape || shape.length === 0) return undefined;
    const p = f.sparse / shape[0];
    return {
      mean: p * f.mean,
      variance: p * (f.std ** 2 + f.mean ** 2) - p ** 2 * f.mean ** 2,
      spread: { kind: 'std', std: f.std },
      deterministic: false,
      };
  },

  // U(0,1) draws, each shape(0)-slice of dim = count/shape(0) values divided by its sum.
  positive_unitball: (_f, shape) => {
    if (!shape) return undefined;
    const dim = caffeFans(shape).fanIn;
    return { mean: 1 / dim, variance: positiveUnitballVariance(dim), spread: { kind: 'range', min: 0, max: 1 }, deterministic: false };
  },

  xavier: (f, shape) => {
    if (!shape) return undefined;
    const n = normDivisor(caffeFans(shape), f.varianceNorm);
    return { mean: 0, variance: 1 / n, spread: { kind: 'bound', bound: Math.sqrt(3 / n) }, n, deterministic: false };
  },

  msra: (f, shape) => {
    if (!shape) return undefined;
    const n = normDivisor(caffeFans(shape), f.varianceNorm);
    return { mean: 0, variance: 2 / n, spread: { kind: 'std', std: Math.sqrt(2 / n) }, n, deterministic: false };
  },

  // A fixed interpolation kernel repeated over the first two axes: its statistics are those of one
  // k×k kernel. Caffe requires a 4-D blob with kh == kw (checked by filler-param-invalid).
  bilinear: (_f, shape) => {
    if (!shape || shape.length !== 4 || shape[2] !== shape[3] || blobCount(shape) === 0) return undefined;
    const k = shape[3];
    let sum = 0;
    let sumSq = 0;
    for (let y = 0; y < k; y++) {
      for (let x = 0; x < k; x++) {
        const w = bilinearWeight(k, x, y);
        sum += w;
        sumSq += w * w;
      }
    }
    const mean = sum / (k * k);
    return { mean, variance: Math.max(0, sumSq / (k * k) - mean * mean), spread: { kind: 'kernel', size: k }, deterministic: true };
  },
};

/** The filler types Caffe's GetFiller knows; any other name aborts ("Unknown filler name"). */
export const KNOWN_FILLER_TYPES: readonly string[] = Object.keys(FORMULAS);

export function isKnownFillerType(type: string): boolean {
  return Object.prototype.hasOwnProperty.call(FORMULAS, type);
}

/** Mean and variance of the filled values; undefined for an unknown type or a shape it needs but lacks. */
export function fillerStats(f: FillerValues, shape: Shape | undefined): FillerStats | undefined {
  return isKnownFillerType(f.type) ? FORMULAS[f.type](f, shape) : undefined;
}
