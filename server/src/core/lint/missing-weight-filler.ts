/**
 * missing-weight-filler: a learnable layer (Convolution, Deconvolution, InnerProduct, Embed, RNN,
 * LSTM) without weight_filler gets FillerParameter's default, constant 0: every unit computes the
 * same output and receives the same gradient, so the units never differ. A warning where the net
 * trains; a hint in deploy nets, whose weights come from a .caffemodel.
 */
import type { Diagnostic } from '../diagnostics';
import { shapeText } from '../text/significant';
import { defaultSeverity } from './codes';
import { paramBlobs, type LintContext, type LintRule } from './context';
import { disableFix, insertFillerFix } from './filler-fixes';
import { followsText, suggestedFiller } from './recommended-filler';

const CODE = 'missing-weight-filler';

function run(ctx: LintContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const trains = ctx.net?.trains ?? false;
  for (const { layerInit, layer, param } of paramBlobs(ctx)) {
    if (param.fillerField !== 'weight_filler' || !param.filler || param.filler.written || !param.fillerMessage) continue;
    const key = `${layerInit.position}`;
    if (seen.has(key)) continue; // RNN/LSTM: several weight blobs share one weight_filler
    seen.add(key);
    const paramView = layer.view.messages(param.fillerMessage);
    const span = paramView[paramView.length - 1]?.bound?.node ? layer.view.nameSpan(param.fillerMessage) : undefined;
    const at = span ?? layer.nameSpan ?? layer.typeSpan ?? layer.span;
    if (!at) continue;
    const weights = param.shape ? `its ${shapeText(param.shape)} weights` : 'its weights';
    const message = trains
      ? `Layer "${layer.name}" (${layer.type}) has no weight_filler: Caffe fills ${weights} with constant 0 (FillerParameter's default), ` +
        'so every unit computes the same output, gets the same gradient, and the units never become different.'
      : `Layer "${layer.name}" (${layer.type}) has no weight_filler. In this deploy net the weights come from a .caffemodel; ` +
        `trained from scratch, ${weights} would start at constant 0.`;
    const suggestion = suggestedFiller(param, layerInit.following);
    const fix = insertFillerFix(
      ctx,
      layer,
      param.fillerMessage,
      'weight_filler',
      `type: "${suggestion.type}"`,
      `Add weight_filler ${suggestion.label}: ${followsText(layerInit.following)}`,
    );
    const disable = disableFix(ctx, layer, CODE);
    const fixes = [fix, disable].filter((f) => f !== undefined);
    out.push({
      span: at,
      severity: trains ? defaultSeverity(CODE) : 'hint',
      code: CODE,
      message,
      ...(fixes.length ? { fixes } : {}),
    });
  }
  return out;
}

export const missingWeightFiller: LintRule = { name: CODE, run };
