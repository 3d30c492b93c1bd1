/**
 * The initialisation schemes the signal analysis compares: the file's fillers as written, or every
 * learnable weight blob refilled by one Caffe filler (biases, Scale and PReLU blobs keep theirs):
 *   xavier          Caffe xavier, FAN_IN: Var = 1/fan_in (LeCun)
 *   msra            Caffe msra, FAN_IN: Var = 2/fan_in (He)
 *   glorot          Caffe xavier with variance_norm AVERAGE: Var = 2/(fan_in + fan_out)
 *   gaussian:STD    Caffe gaussian with that std
 * The statistics come from the init stage's filler table (init/filler-stats.ts) and Caffe's fans.
 */
import type { ParamInit } from '../init/analyze-init';
import { FILLER_DEFAULTS, type FillerValues } from '../init/filler-spec';
import { fillerStats } from '../init/filler-stats';
import type { ParamStats } from './types';

export type SchemeName = 'as-written' | 'xavier' | 'msra' | 'glorot' | `gaussian:${string}`;

export interface Scheme {
  id: SchemeName;
  label: string;
  /** The filler every learnable weight gets; undefined for as-written. */
  weightFiller?: FillerValues;
}

export const AS_WRITTEN: Scheme = { id: 'as-written', label: 'as written' };

const NAMED: Record<string, Scheme> = {
  'as-written': AS_WRITTEN,
  xavier: { id: 'xavier', label: 'xavier (1/fan_in)', weightFiller: { ...FILLER_DEFAULTS, type: 'xavier' } },
  msra: { id: 'msra', label: 'msra (2/fan_in)', weightFiller: { ...FILLER_DEFAULTS, type: 'msra' } },
  glorot: { id: 'glorot', label: 'glorot (2/(fan_in+fan_out))', weightFiller: { ...FILLER_DEFAULTS, type: 'xavier', varianceNorm: 'AVERAGE' } },
};

/** The weight schemes a user can pick besides the file's own (in the order the preview lists them). */
export const STANDARD_SCHEMES: readonly Scheme[] = [NAMED.xavier, NAMED.msra, NAMED.glorot];

/** Reads `as-written`, `xavier`, `msra`, `glorot` or `gaussian:STD` (STD a positive number); undefined otherwise. */
export function parseScheme(text: string): Scheme | undefined {
  const named = Object.prototype.hasOwnProperty.call(NAMED, text) ? NAMED[text] : undefined;
  if (named) return named;
  const m = /^gaussian:(.+)$/.exec(text);
  if (!m || !/^\s*[0-9.eE+-]+\s*$/.test(m[1])) return undefined;
  const std = Number(m[1]);
  if (!Number.isFinite(std) || std <= 0) return undefined;
  return { id: `gaussian:${m[1].trim()}`, label: `gaussian std ${std}`, weightFiller: { ...FILLER_DEFAULTS, type: 'gaussian', std } };
}

const ZERO: ParamStats = Object.freeze({ mean: 0, variance: 0, deterministic: true, squareSpread: 0 });

/** E[w^k] of U(a, b). */
const uniformMoment = (a: number, b: number, k: number) => (b === a ? a ** k : (b ** (k + 1) - a ** (k + 1)) / ((k + 1) * (b - a)));

/** Var(w²)/E[w²]² of the values a filler draws (the fourth moment over the squared second). */
function squareSpread(f: FillerValues | undefined, mean: number, variance: number): number {
  const m2 = variance + mean * mean;
  if (!f || !(m2 > 0)) return 0;
  let m4: number;
  switch (f.type) {
    case 'gaussian':
    case 'msra':
      m4 = mean ** 4 + 6 * mean * mean * variance + 3 * variance * variance;
      break;
    case 'uniform':
      m4 = uniformMoment(f.min, f.max, 4);
      break;
    case 'xavier':
    case 'positive_unitball':
      // Uniform on a symmetric range, or close to uniform on [0, 2/n]: E[w⁴] = 9/5·E[w²]².
      m4 = 1.8 * m2 * m2;
      break;
    default:
      return 0;
  }
  return Math.max(0, m4 / (m2 * m2) - 1);
}

/** One parameter blob's statistics under the scheme; undefined when unknown (unknown filler, or a shape it needs). */
export function paramStats(scheme: Scheme, p: ParamInit): ParamStats | undefined {
  if (scheme.weightFiller && p.role === 'weight' && p.learnable) {
    const s = fillerStats(scheme.weightFiller, p.shape);
    return s && { mean: s.mean, variance: s.variance, deterministic: s.deterministic, squareSpread: squareSpread(scheme.weightFiller, s.mean, s.variance) };
  }
  if (!p.stats) return p.filler ? undefined : ZERO;
  return { mean: p.stats.mean, variance: p.stats.variance, deterministic: p.stats.deterministic, squareSpread: squareSpread(p.filler, p.stats.mean, p.stats.variance) };
}
