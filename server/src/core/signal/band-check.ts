/**
 * signal-out-of-band: where the forward variance (relative to the unit input) or the backward
 * gradient second moment (relative to the unit output gradient) first leaves the healthy band
 * (setting signalBand, default [1e-2, 1e2]), an information diagnostic on that layer naming the
 * standard scheme(s) that would keep the whole chain inside. Forward "first" is in net order,
 * backward "first" is the layer nearest the loss.
 *
 * Only where initialisation matters: a net that trains, or a file that writes a weight filler (a
 * deploy net without fillers gets its weights from a .caffemodel, so its zero-filled start is moot).
 */
import type { Diagnostic } from '../diagnostics';
import type { NetModel, Phase } from '../net/model';
import { batchNormUsesGlobalStats } from './rules/normalization';
import type { LayerSignal, SignalRun } from './propagate';
import { STANDARD_SCHEMES, type Scheme } from './schemes';

export const SIGNAL_OUT_OF_BAND = 'signal-out-of-band';

export type Direction = 'forward' | 'backward';

export interface BandExit {
  direction: Direction;
  layer: LayerSignal;
  /** The value that is out of band (variance, or gradient second moment). */
  value: number;
}

const outside = (v: number, band: [number, number]) => v < band[0] || v > band[1];

/** The first layer whose output variance leaves the band (heads excluded). */
export function forwardExit(run: SignalRun, band: [number, number]): BandExit | undefined {
  for (const ls of run.layers) {
    if (ls.head) continue;
    for (const m of ls.forward) {
      if (m && outside(m.variance, band)) return { direction: 'forward', layer: ls, value: m.variance };
    }
  }
  return undefined;
}

/** From the loss down: the first layer that receives a gradient and sends one out of band. */
export function backwardExit(run: SignalRun, band: [number, number]): BandExit | undefined {
  for (let i = run.layers.length - 1; i >= 0; i--) {
    const ls = run.layers[i];
    const receives = ls.head || ls.topGradients.some((g) => g !== null && g.second > 0);
    if (!receives) continue;
    for (const [slot, g] of ls.backward.entries()) {
      // Labels (no signal) get no gradient by design.
      if (g && ls.inputs[slot] && outside(g.second, band)) return { direction: 'backward', layer: ls, value: g.second };
    }
  }
  return undefined;
}

export function exitOf(run: SignalRun, band: [number, number], direction: Direction): BandExit | undefined {
  return direction === 'forward' ? forwardExit(run, band) : backwardExit(run, band);
}

function fmt(v: number): string {
  if (v === 0) return '0';
  return v >= 1e-3 && v < 1e4 ? String(Number(v.toPrecision(3))) : v.toExponential(2).replace('e+', 'e');
}

function shouldCheck(net: NetModel, run: SignalRun): boolean {
  if (net.trains) return true;
  return run.layers.some((ls) => ls.writtenWeightFiller);
}

/** The standard schemes bandCheck will ask for: all of them when the as-written run leaves the band. */
export function schemesToCompare(net: NetModel, asWritten: SignalRun, band: [number, number]): readonly Scheme[] {
  if (!shouldCheck(net, asWritten)) return [];
  return exitOf(asWritten, band, 'forward') || exitOf(asWritten, band, 'backward') ? STANDARD_SCHEMES : [];
}

/**
 * The band diagnostics of the as-written run. `runFor` computes another scheme's run (only called
 * when the as-written signal leaves the band).
 */
export function bandCheck(net: NetModel, asWritten: SignalRun, band: [number, number], runFor: (s: Scheme) => SignalRun): Diagnostic[] {
  if (!shouldCheck(net, asWritten)) return [];
  const out: Diagnostic[] = [];
  for (const direction of ['forward', 'backward'] as const) {
    const exit = exitOf(asWritten, band, direction);
    if (!exit) continue;
    const layer = exit.layer.layer;
    const span = layer.nameSpan ?? layer.typeSpan ?? layer.span;
    if (!span) continue;
    const keepers = STANDARD_SCHEMES.filter((s) => !exitOf(runFor(s), band, direction));
    // When no scheme keeps the chain inside, the weights' scale is not what moves it — e.g. the
    // one-off n_out/n_in of a classifier's backward step, which every classifier has. That is
    // for the preview to show, not a diagnostic; a fresh BatchNorm's √eps division is the
    // exception worth telling.
    const cause = keepers.length ? '' : causeHint(exit, asWritten, net.state.phase);
    if (!keepers.length && !cause) continue;
    const what = direction === 'forward' ? `its output variance is ${fmt(exit.value)} times the input's` : `the gradient it sends back has a second moment ${fmt(exit.value)} times the output gradient's`;
    const where = direction === 'forward' ? 'Forward signal' : 'Backward gradient';
    const low = exit.value < band[0];
    const fix = keepers.length
      ? `Filling the weights with ${keepers.map((s) => s.id).join(' or ')} keeps every layer inside.`
      : `None of xavier, msra or glorot keeps it inside: the cause is not the weight scale${cause}.`;
    out.push({
      span,
      severity: 'information',
      code: SIGNAL_OUT_OF_BAND,
      message:
        `${where} ${low ? 'vanishes' : 'explodes'} at "${layer.name}" (${layer.type}): ${what}, outside the healthy band ` +
        `[${fmt(band[0])}, ${fmt(band[1])}] with the fillers as written. ${fix}`,
    });
  }
  return out;
}

/** A cause other than the weights' scale that is worth a diagnostic of its own, or ''. */
function causeHint(exit: BandExit, run: SignalRun, phase: Phase): string {
  const upstream = run.layers.slice(0, exit.layer.position + 1);
  const freshBatchNorm = upstream.some((ls) => ls.layer.type === 'BatchNorm' && batchNormUsesGlobalStats(ls.layer, phase));
  if (freshBatchNorm) return ': BatchNorm with use_global_stats and the zero statistics of a fresh net divides by √eps (about 316× for the default eps)';
  return '';
}
