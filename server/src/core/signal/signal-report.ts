/**
 * The signal analysis as the preview and the CLI show it (pure: Analysis and schemes in, plain data
 * out; the LSP handler adds uri and version).
 *
 * Preview (`signalReport`): the x axis is every layer, in Caffe's order, that writes a blob value and
 * is not a chain end (loss, Accuracy, Softmax): data layers (the unit input), weighted layers, and
 * in-place layers (ReLU, BatchNorm, Scale, Dropout on their own bottom) as points of their own,
 * since each changes the blob's statistics. Forward: the variance of the layer's first top relative
 * to the input; backward: the gradient second moment at its first bottom (for a data layer, at its
 * top), relative to the output gradient — both per value.
 *
 * CLI (`signalList`): one entry per layer in order, forward mean and variance per top and the
 * gradient second moment ("variance") per bottom, null where unknown or not a signal.
 */
import type { Analysis } from '../analysis';
import type { JsonValue } from '../schema/to-json';
import type { Gradient, Moments } from './moments';
import type { LayerSignal, SignalRun } from './propagate';
import { AS_WRITTEN, type Scheme } from './schemes';

/** One point of a curve: null where the value cannot be known (an unknown shape, a Python layer). */
export interface ReportValue {
  value: number | null;
  /** True when the value comes from an approximation (max pooling, LRN, numerical integration …). */
  approximate: boolean;
}

export interface ReportLayer {
  name: string;
  type: string;
  /** Where the layer's name is written (0-based), to reveal it in the editor. */
  line: number;
  character: number;
  /** Shapes of the layer's tops (null axes/shapes where unknown). */
  topShapes: ((number | null)[] | null)[];
  fanIn?: number;
  fanOut?: number;
}

export interface ReportSeries {
  scheme: Scheme['id'];
  label: string;
  /** Per layer (same order as `layers`): the variance of its (first) top relative to the input's. */
  forward: ReportValue[];
  /** Per layer: the gradient second moment at its (first) bottom relative to the output gradient's. */
  backward: ReportValue[];
}

export interface SignalReport {
  /** The layers plotted, in topological order (x axis). */
  layers: ReportLayer[];
  series: ReportSeries[];
  /** The healthy band [low, high] relative to the input (setting, default [1e-2, 1e2]). */
  band: [number, number];
  /** What could not be computed and how to fix it (shown instead of an empty chart). */
  notes: { message: string; fix?: string }[];
}

const SHAPE_FIX = "State the input's shape with a '# prototxt-lens: shape BLOB=N,C,H,W' comment or the prototxtLens.inputShapes setting.";

function plotted(ls: LayerSignal): boolean {
  return !ls.head && ls.layer.tops.length > 0;
}

function forwardValue(m: Moments | null | undefined): ReportValue {
  return m ? { value: m.variance, approximate: m.approximate } : { value: null, approximate: false };
}

function gradientValue(g: Gradient | null | undefined): ReportValue {
  return g ? { value: g.second, approximate: g.approximate } : { value: null, approximate: false };
}

function series(run: SignalRun): ReportSeries {
  const layers = run.layers.filter(plotted);
  return {
    scheme: run.scheme.id,
    label: run.scheme.label,
    forward: layers.map((ls) => forwardValue(ls.forward[0])),
    backward: layers.map((ls) => gradientValue(ls.backward.length ? ls.backward[0] : ls.topGradients[0])),
  };
}

export function signalReport(a: Analysis, schemes: readonly Scheme[]): SignalReport {
  const stage = a.signal;
  const band = a.settings.signalBand;
  if (!stage || !a.net) return { layers: [], series: [], band, notes: [{ message: 'The file is not a net (no layers to propagate through).' }] };
  const runs = [stage.asWritten, ...schemes.filter((s) => s.id !== AS_WRITTEN.id).map((s) => stage.run(s))];
  const shapesOf = new Map((a.shapes?.layers ?? []).map((l) => [l.layer, l]));
  const initOf = new Map((a.init?.layers ?? []).map((l) => [l.position, l]));
  const layers = stage.asWritten.layers.filter(plotted).map((ls): ReportLayer => {
    const at = a.lines.positionAt((ls.layer.nameSpan ?? ls.layer.typeSpan ?? ls.layer.span)?.start ?? 0);
    const fans = initOf.get(ls.position)?.params.find((p) => p.role === 'weight')?.fans;
    return {
      name: ls.layer.name,
      type: ls.layer.type,
      line: at.line,
      character: at.character,
      topShapes: ls.layer.tops.map((_, i) => shapesOf.get(ls.layer)?.topDims[i] ?? null),
      ...(fans ? { fanIn: fans.fanIn, fanOut: fans.fanOut } : {}),
    };
  });
  const notes: { message: string; fix?: string }[] = [];
  const seen = new Set<string>();
  for (const run of runs) {
    for (const n of run.notes) {
      const message = `${n.layer}: ${n.message}`;
      if (seen.has(message)) continue;
      seen.add(message);
      notes.push(/shape|channel count|input size|input axis/.test(n.message) ? { message, fix: SHAPE_FIX } : { message });
    }
  }
  return { layers, series: runs.map(series), band, notes };
}

const num = (x: number | null | undefined): JsonValue => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

/** The CLI's `signal` member: one entry per layer, in order. */
export function signalList(run: SignalRun): JsonValue[] {
  return run.layers.map((ls) => {
    const forward: { [top: string]: JsonValue } = {};
    ls.layer.tops.forEach((t, i) => {
      const m = ls.forward[i];
      forward[t.name] = { mean: num(m?.mean), variance: num(m?.variance) };
    });
    const backward: { [bottom: string]: JsonValue } = {};
    ls.layer.bottoms.forEach((b, i) => {
      backward[b.name] = { variance: num(ls.backward[i]?.second) };
    });
    return { layer: ls.layer.name, forward, backward };
  });
}
