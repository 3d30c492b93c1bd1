/**
 * From the server's answer and the toggles to what the chart draws: one line per scheme and
 * direction, log-scale bounds, and where vanished values (exactly 0, which a log axis cannot
 * show) sit: on the axis floor, drawn as downward triangles. Plain data, no DOM, no Chart.js.
 */
import type { SignalResult, SignalValue } from '../../../server/src/protocol';
import type { PreviewState } from '../../../client/src/preview/webview-messages';

export type Direction = 'forward' | 'backward';
export const DIRECTIONS: Direction[] = ['forward', 'backward'];

export type PointMark = 'exact' | 'approximate' | 'vanished' | 'unknown';

export interface PlotLine {
  scheme: string;
  label: string;
  direction: Direction;
  /** Index of the series in the answer (picks its colour). */
  seriesIndex: number;
  hidden: boolean;
  /** The y of each layer: the value, the floor for a vanished one, null for an unknown one. */
  y: (number | null)[];
  marks: PointMark[];
  values: SignalValue[];
}

export interface PlotModel {
  labels: string[];
  lines: PlotLine[];
  band: [number, number];
  /** Log-axis bounds: whole decades around every value and the band. */
  yMin: number;
  yMax: number;
  /** Some value of some line is known (else the notes say why, instead of an empty chart). */
  anyKnown: boolean;
}

/** 10^k exactly (10 ** -4 is 0.00009999999999999999 in floating point). */
const decade = (k: number) => Number(`1e${k}`);

function mark(v: SignalValue | undefined): PointMark {
  if (!v || v.value === null || !Number.isFinite(v.value) || v.value < 0) return 'unknown';
  if (v.value === 0) return 'vanished';
  return v.approximate ? 'approximate' : 'exact';
}

export function plotModel(result: SignalResult, state: PreviewState): PlotModel {
  const band: [number, number] = [Math.min(...result.band), Math.max(...result.band)];
  const positives: number[] = [];
  let anyKnown = false;
  for (const s of result.series) {
    for (const v of [...s.forward, ...s.backward]) {
      const m = mark(v);
      if (m !== 'unknown') anyKnown = true;
      if (m === 'exact' || m === 'approximate') positives.push(v.value as number);
    }
  }
  const lo = Math.min(band[0] > 0 ? band[0] : 1, ...positives);
  const hi = Math.max(band[1] > 0 ? band[1] : 1, ...positives);
  // One decade of room below the smallest value so vanished points sit apart from it.
  const yMin = decade(Math.floor(Math.log10(lo)) - 1);
  const yMax = decade(Math.ceil(Math.log10(hi)));
  const lines: PlotLine[] = [];
  result.series.forEach((s, seriesIndex) => {
    for (const direction of DIRECTIONS) {
      const values = result.layers.map((_, i) => s[direction][i] ?? { value: null, approximate: false });
      const marks = values.map(mark);
      const shown = direction === 'forward' ? state.showForward : state.showBackward;
      lines.push({
        scheme: s.scheme,
        label: `${s.label} (${direction})`,
        direction,
        seriesIndex,
        hidden: !shown || state.hiddenSchemes.includes(s.scheme),
        y: values.map((v, i) => (marks[i] === 'unknown' ? null : marks[i] === 'vanished' ? yMin : (v.value as number))),
        marks,
        values,
      });
    }
  });
  return { labels: result.layers.map((l) => l.name), lines, band, yMin, yMax, anyKnown };
}
