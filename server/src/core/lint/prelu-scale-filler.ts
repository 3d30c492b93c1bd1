/**
 * prelu-scale-filler: a Scale multiplies each channel by its scale s, so it scales the signal's
 * second moment by E[s²]; a PReLU passes negative inputs times its slope a, so after it the second
 * moment is (1+E[a²])/2 of the input's where a ReLU gives ½. A Scale whose E[s²] is 0 zeroes the
 * signal and every gradient below it (except at the end of a residual branch, where starting at 0
 * is a deliberate trick); E[s²] or 1+E[a²] beyond the tolerance explodes or shrinks it.
 */
import type { Diagnostic } from '../diagnostics';
import type { InitResult } from '../init/analyze-init';
import { sig4 } from '../text/significant';
import { defaultSeverity } from './codes';
import { paramBlobs, type LintContext, type LintRule } from './context';
import { describeFiller } from './describe-filler';
import { disableFix, replaceFillerFix } from './filler-fixes';

const CODE = 'prelu-scale-filler';

/** Whether a layer's output goes straight into an Eltwise (a residual sum). */
function feedsEltwise(init: InitResult, position: number): boolean {
  const net = init.uses.net;
  return net.layers[position].tops.some((t) => init.uses.readersOf(position, t.name).some((r) => net.layers[r].type === 'Eltwise'));
}

function run(ctx: LintContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const tol = ctx.fillerScaleTolerance;
  for (const { layerInit, layer, param } of paramBlobs(ctx)) {
    const f = param.filler;
    const s = param.stats;
    if (!f?.written || !f.nameSpan || !s) continue;
    const second = s.variance + s.mean * s.mean;
    let message: string | undefined;
    // The layer's own default filler, written out.
    let fallback = 0;
    if (param.role === 'scale' && layer.type === 'Scale') {
      fallback = 1;
      if (second === 0 && !feedsEltwise(ctx.init!, layerInit.position)) {
        message = `filler ${describeFiller(f)} makes Scale "${layer.name}" multiply its input by 0: at the start its output carries nothing of its input, and no gradient reaches the layers below it.`;
      } else if (second > tol || (second > 0 && second < 1 / tol)) {
        const verb = second > 1 ? 'grows' : 'shrinks';
        message = `filler ${describeFiller(f)} gives E[s²] = ${sig4(second)}: Scale "${layer.name}" ${verb} the signal's variance ×${sig4(second)} (Scale's default, constant 1, keeps it).`;
      }
    } else if (param.role === 'slope' && layer.type === 'PReLU') {
      fallback = 0.25;
      const gain = 1 + second;
      if (gain > tol) {
        message =
          `filler ${describeFiller(f)} gives PReLU "${layer.name}" slopes with E[a²] = ${sig4(second)}: it passes (1+E[a²])/2 = ${sig4(gain / 2)} ` +
          `of the signal's second moment where a ReLU passes ½ — ×${sig4(gain)} per layer against what msra assumes (PReLU's default slope is 0.25).`;
      }
    }
    if (!message) continue;
    const fixes = [
      replaceFillerFix(`Use constant ${fallback}`, param.fillerField!, f, `type: "constant" value: ${fallback}`),
      disableFix(ctx, layer, CODE),
    ].filter((x) => x !== undefined);
    out.push({ span: f.nameSpan, severity: defaultSeverity(CODE), code: CODE, message, fixes });
  }
  return out;
}

export const preluScaleFiller: LintRule = { name: CODE, run };
