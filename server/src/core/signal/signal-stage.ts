/**
 * The signal stage of the pipeline: the as-written propagation on every analysis (the band
 * diagnostics need it), and, when that signal leaves the band, the standard schemes the band check
 * compares it with; other schemes on request (the preview, the CLI). Each scheme is computed once
 * per analysis, and the staged form pauses between propagations.
 */
import type { Diagnostic } from '../diagnostics';
import type { InitResult } from '../init/analyze-init';
import type { NetModel } from '../net/model';
import type { ShapeResult } from '../shapes/types';
import { bandCheck, schemesToCompare } from './band-check';
import { propagate, type SignalInputs, type SignalRun } from './propagate';
import { AS_WRITTEN, type Scheme } from './schemes';
import { finishSteps, type Steps } from '../steps';

export interface SignalStage {
  band: [number, number];
  asWritten: SignalRun;
  diagnostics: Diagnostic[];
  /** The propagation for a scheme, computed on first use. */
  run(scheme: Scheme): SignalRun;
}

export const DEFAULT_SIGNAL_BAND: [number, number] = [0.01, 100];

export function signalStage(net: NetModel, shapes: ShapeResult | undefined, init: InitResult | undefined, band: [number, number]): SignalStage {
  return finishSteps(signalStageSteps(net, shapes, init, band));
}

/**
 * signalStage() a propagation at a time: on a large net each takes a good part of a second
 * (GoogLeNet's windowed max pools), and the language server answers other requests, or drops a
 * stale version, between them.
 */
export function* signalStageSteps(net: NetModel, shapes: ShapeResult | undefined, init: InitResult | undefined, band: [number, number]): Steps<SignalStage> {
  const inputs: SignalInputs = { net, shapes, init };
  const runs = new Map<string, SignalRun>();
  const run = (scheme: Scheme): SignalRun => {
    let r = runs.get(scheme.id);
    if (!r) runs.set(scheme.id, (r = propagate(inputs, scheme)));
    return r;
  };
  const asWritten = run(AS_WRITTEN);
  for (const scheme of schemesToCompare(net, asWritten, band)) {
    yield;
    run(scheme);
  }
  return { band, asWritten, diagnostics: bandCheck(net, asWritten, band, run), run };
}
