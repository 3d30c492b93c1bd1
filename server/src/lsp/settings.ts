/** Reads the `prototxtLens.*` settings (or initializationOptions for other editors) as analysis settings. */
import type { AnalysisSettings } from '../core/analysis';
import { DEFAULT_SETTINGS } from '../core/analysis';
import type { Severity } from '../core/diagnostics';

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Accepts whatever the client sends and keeps only well-formed values. */
export function readSettings(raw: unknown): AnalysisSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const s: AnalysisSettings = { ...DEFAULT_SETTINGS, severity: {}, inputShapes: {} };
  if (r.phase === 'TRAIN' || r.phase === 'TEST') s.phase = r.phase;
  if (typeof r.level === 'number' && Number.isInteger(r.level)) s.level = r.level;
  if (Array.isArray(r.stages)) s.stages = r.stages.filter((x): x is string => typeof x === 'string');
  if (Array.isArray(r.customLayerTypes)) s.customLayerTypes = r.customLayerTypes.filter((x): x is string => typeof x === 'string');
  if (typeof r.fillerScaleTolerance === 'number' && r.fillerScaleTolerance > 1) s.fillerScaleTolerance = r.fillerScaleTolerance;
  if (r.severity && typeof r.severity === 'object') {
    for (const [code, value] of Object.entries(r.severity as Record<string, unknown>)) {
      if (typeof value === 'string' && SEVERITIES.has(value)) s.severity[code] = value as Severity | 'off';
    }
  }
  if (r.inputShapes && typeof r.inputShapes === 'object') {
    for (const [blob, shape] of Object.entries(r.inputShapes as Record<string, unknown>)) {
      if (Array.isArray(shape) && shape.every((d) => Number.isInteger(d) && d >= 0)) s.inputShapes[blob] = shape as number[];
    }
  }
  // [low, high] with 0 < low < high, else the default band.
  const band = r.signalBand;
  if (Array.isArray(band) && band.length === 2 && band.every((x) => typeof x === 'number' && Number.isFinite(x)) && band[0] > 0 && band[0] < band[1]) {
    s.signalBand = [band[0], band[1]];
  }
  return s;
}
