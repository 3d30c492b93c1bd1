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

const ZERO: ParamStats = Object.freeze({ mean: 0, variance: 0, deterministic: true });

/** One parameter blob's statistics under the scheme; undefined when unknown (unknown filler, or a shape it needs). */
export function paramStats(scheme: Scheme, p: ParamInit): ParamStats | undefined {
  if (scheme.weightFiller && p.role === 'weight' && p.learnable) {
    const s = fillerStats(scheme.weightFiller, p.shape);
    return s && { mean: s.mean, variance: s.variance, deterministic: s.deterministic };
  }
  if (!p.stats) return p.filler ? undefined : ZERO;
  return { mean: p.stats.mean, variance: p.stats.variance, deterministic: p.stats.deterministic };
}
