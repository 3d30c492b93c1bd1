/**
 * nonzero-mean-weights: weights that are all equal (constant, or a zero-width uniform) never break
 * the symmetry between units; weights with a mean (uniform with min ≠ −max — the default U(0,1) —,
 * gaussian with a mean, positive_unitball) shift every unit alike: each layer multiplies the
 * signal's mean by fan_in·E[W] (init-math §4).
 */
import type { Diagnostic } from '../diagnostics';
import { sig4 } from '../text/significant';
import { defaultSeverity } from './codes';
import { paramBlobs, type LintContext, type LintRule } from './context';
import { describeFiller } from './describe-filler';
import { disableFix, replaceFillerFix } from './filler-fixes';
import { followsText, suggestedFiller } from './recommended-filler';

const CODE = 'nonzero-mean-weights';

function run(ctx: LintContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<unknown>();
  for (const { layerInit, layer, param } of paramBlobs(ctx)) {
    const f = param.filler;
    const s = param.stats;
    if (param.role !== 'weight' || !f?.written || !f.nameSpan || !s || f.type === 'bilinear' || seen.has(f.view.bound)) continue;
    let message: string;
    const units = param.shape ? `all ${param.shape[0]} units` : 'all units';
    if (s.variance === 0) {
      message =
        `weight_filler ${describeFiller(f)}: every weight of "${layer.name}" is ${sig4(s.mean)}, so ${units} compute the same output, ` +
        'get the same gradient, and never become different.';
    } else if (s.mean !== 0) {
      const fanIn = param.fans?.fanIn;
      const shift = fanIn === undefined ? '' : ` Each layer like this multiplies the signal's mean by fan_in·E[W] = ${sig4(fanIn * s.mean)}, the same for every unit.`;
      const why =
        f.type === 'uniform' && !f.setFields.includes('min') && !f.setFields.includes('max')
          ? ' (uniform defaults to [0, 1])'
          : f.type === 'positive_unitball'
            ? ' (every weight is positive; each row sums to 1)'
            : '';
      message = `weight_filler ${describeFiller(f)} has mean ${sig4(s.mean)}, not 0${why}.${shift}`;
    } else {
      continue;
    }
    seen.add(f.view.bound);
    const suggestion = suggestedFiller(param, layerInit.following);
    const fixes = [
      replaceFillerFix(`Use ${suggestion.label}: ${followsText(layerInit.following)}`, 'weight_filler', f, `type: "${suggestion.type}"`),
      disableFix(ctx, layer, CODE),
    ].filter((x) => x !== undefined);
    out.push({ span: f.nameSpan, severity: defaultSeverity(CODE), code: CODE, message, fixes });
  }
  return out;
}

export const nonzeroMeanWeights: LintRule = { name: CODE, run };
