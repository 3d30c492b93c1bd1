/** Helpers for the signal tests: analyse a net, read a layer's predicted values, and Monte Carlo estimates with their sampling errors. */
import * as assert from 'node:assert/strict';
import { analyze, type Analysis, type AnalysisSettings } from '../../../server/src/core/analysis';
import type { Gradient, Moments } from '../../../server/src/core/signal/moments';
import type { LayerSignal, SignalRun } from '../../../server/src/core/signal/propagate';
import { parseScheme } from '../../../server/src/core/signal/schemes';
import { prng } from '../../helpers/prng';

export function signalOf(text: string, scheme = 'as-written', settings: Partial<AnalysisSettings> = {}): { a: Analysis; run: SignalRun } {
  const a = analyze(text, settings);
  const s = parseScheme(scheme);
  assert.ok(s, scheme);
  assert.ok(a.signal, 'no signal stage');
  return { a, run: a.signal.run(s) };
}

export function layer(run: SignalRun, name: string): LayerSignal {
  const l = run.layers.find((x) => x.layer.name === name);
  assert.ok(l, `no layer ${name}`);
  return l;
}

export function top(run: SignalRun, name: string, i = 0): Moments {
  const m = layer(run, name).forward[i];
  assert.ok(m, `${name}: forward unknown`);
  return m;
}

export function bottomGrad(run: SignalRun, name: string, i = 0): Gradient {
  const g = layer(run, name).backward[i];
  assert.ok(g, `${name}: gradient unknown`);
  return g;
}

/** Seeded standard normals (Box–Muller). */
export function normals(seed: number): () => number {
  const u = prng(seed);
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    const r = Math.sqrt(-2 * Math.log(1 - u()));
    const t = 2 * Math.PI * u();
    spare = r * Math.sin(t);
    return r * Math.cos(t);
  };
}

/**
 * Per-trial averages of x and x² (values within one trial share weights, so only trials are
 * independent); estimates of E[x], Var(x) with standard errors from the spread across trials.
 */
export class Trials {
  private m: number[] = [];
  private q: number[] = [];

  add(values: ArrayLike<number>): void {
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < values.length; i++) {
      s += values[i];
      s2 += values[i] * values[i];
    }
    this.m.push(s / values.length);
    this.q.push(s2 / values.length);
  }

  private static stat(xs: number[]): { mean: number; se: number } {
    const n = xs.length;
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
    return { mean, se: Math.sqrt(v / n) };
  }

  estimate(): { mean: number; meanSe: number; variance: number; varianceSe: number; second: number; secondSe: number } {
    const m = Trials.stat(this.m);
    const q = Trials.stat(this.q);
    return {
      mean: m.mean,
      meanSe: m.se,
      second: q.mean,
      secondSe: q.se,
      variance: q.mean - m.mean * m.mean,
      varianceSe: Math.sqrt(q.se ** 2 + (2 * m.mean * m.se) ** 2),
    };
  }
}

/**
 * |predicted − estimate| within `k` standard errors, plus `rel` of the estimate for rules that are
 * approximations by design (the message says which).
 */
export function assertWithin(what: string, predicted: number, estimate: number, se: number, rel = 0, k = 4): void {
  const allowed = k * se + rel * Math.abs(estimate) + 1e-12;
  assert.ok(Math.abs(predicted - estimate) <= allowed, `${what}: predicted ${predicted}, Monte Carlo ${estimate} ± ${se} (allowed ${allowed})`);
}

export function assertMoments(what: string, predicted: Moments, trials: Trials, rel = 0): void {
  const e = trials.estimate();
  assertWithin(`${what} mean`, predicted.mean, e.mean, e.meanSe, rel);
  assertWithin(`${what} variance`, predicted.variance, e.variance, e.varianceSe, rel);
}

/** A net text from an input shape and layer blocks. */
export function net(shape: number[], ...layers: string[]): string {
  return [`name: "t"`, `layer { name: "data" type: "Input" top: "data" input_param { shape { ${shape.map((d) => `dim: ${d}`).join(' ')} } } }`, ...layers].join('\n') + '\n';
}
