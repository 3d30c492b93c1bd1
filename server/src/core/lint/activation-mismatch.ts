/**
 * activation-mismatch (information): Caffe's xavier (1/fan_in, LeCun) ahead of a ReLU — the ReLU
 * halves the signal's second moment, so each such layer scales it by ½ and msra (2/fan_in) fits;
 * msra ahead of TanH or Sigmoid — twice the variance that keeps them in their linear range, so
 * xavier fits. Only when filler-scale has not already reported the filler, and no BatchNorm
 * renormalises in between.
 */
import type { Diagnostic } from '../diagnostics';
import { describeNonlinearity, isReluFamily } from '../init/following-nonlinearity';
import { sig4 } from '../text/significant';
import { defaultSeverity } from './codes';
import { paramBlobs, type LintContext, type LintRule } from './context';
import { disableFix } from './filler-fixes';
import { gainText, scaleVerdict } from './filler-scale';

const CODE = 'activation-mismatch';

function run(ctx: LintContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<unknown>();
  for (const { layerInit, layer, param } of paramBlobs(ctx)) {
    const verdict = scaleVerdict(layerInit, param, ctx.fillerScaleTolerance);
    if (!verdict || verdict.off) continue;
    const filler = param.filler!;
    const following = layerInit.following!;
    const fanIn = param.fans!.fanIn;
    if (filler.varianceNorm !== 'FAN_IN' || seen.has(filler.view.bound)) continue;
    let message: string;
    let better: 'msra' | 'xavier';
    if (filler.type === 'xavier' && isReluFamily(following)) {
      better = 'msra';
      message =
        `xavier gives Var(W) = 1/fan_in = ${sig4(1 / fanIn)} ahead of ${describeNonlinearity(following)}, which halves the signal's ` +
        `second moment: each layer like "${layer.name}" scales it by ${gainText(fanIn, 1 / fanIn, following)}. ` +
        `msra (2/fan_in = ${sig4(2 / fanIn)}) keeps it steady.`;
    } else if (filler.type === 'msra' && (following.kind === 'TanH' || following.kind === 'Sigmoid')) {
      better = 'xavier';
      message =
        `msra gives Var(W) = 2/fan_in = ${sig4(2 / fanIn)} ahead of ${following.kind}: twice the variance that keeps a ${following.kind} ` +
        `in its linear range, so the pre-activations grow ×2 per layer and the units saturate. xavier (1/fan_in = ${sig4(1 / fanIn)}) fits.`;
    } else {
      continue;
    }
    seen.add(filler.view.bound);
    const typeSpan = filler.view.valueSpans('type').at(-1);
    if (!typeSpan) continue;
    const quote = ctx.text[typeSpan.start] === "'" ? "'" : '"';
    const fixes = [
      { title: `Change the filler to ${better}`, edits: [{ span: typeSpan, newText: `${quote}${better}${quote}` }], preferred: true },
      disableFix(ctx, layer, CODE),
    ].filter((f) => f !== undefined);
    out.push({ span: typeSpan, severity: defaultSeverity(CODE), code: CODE, message, fixes });
  }
  return out;
}

export const activationMismatch: LintRule = { name: CODE, run };
