/**
 * fan-filler-on-bias: xavier or msra as a bias filler. A bias is 1-D, so Caffe's fan_in =
 * count/shape(0) = 1 (filler.hpp): the biases get variance 1 (xavier) or 2 (msra) with the default
 * FAN_IN — as large as a whole unit-variance input — where biases normally start at constant 0.
 */
import type { Diagnostic } from '../diagnostics';
import { sig4 } from '../text/significant';
import { defaultSeverity } from './codes';
import { paramBlobs, type LintContext, type LintRule } from './context';
import { describeFiller } from './describe-filler';
import { disableFix, replaceFillerFix } from './filler-fixes';

const CODE = 'fan-filler-on-bias';

function run(ctx: LintContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { layer, param } of paramBlobs(ctx)) {
    const f = param.filler;
    if (param.role !== 'bias' || !f?.written || !f.nameSpan || (f.type !== 'xavier' && f.type !== 'msra')) continue;
    // Without a shape, FAN_IN still gives n = 1.
    const variance = param.stats?.variance ?? (f.varianceNorm === 'FAN_IN' ? (f.type === 'xavier' ? 1 : 2) : undefined);
    const what = variance === undefined ? '' : `, so the biases get variance ${sig4(variance)}`;
    const message =
      `${param.fillerField} ${describeFiller(f)} on ${layer.name}'s 1-D bias: Caffe's fan_in for it is count/shape(0) = 1${what} ` +
      '— as large as a unit-variance input. Biases normally start at constant 0.';
    const fixes = [replaceFillerFix('Use constant 0', param.fillerField!, f, 'type: "constant" value: 0'), disableFix(ctx, layer, CODE)].filter((x) => x !== undefined);
    out.push({ span: f.nameSpan, severity: defaultSeverity(CODE), code: CODE, message, fixes });
  }
  return out;
}

export const fanFillerOnBias: LintRule = { name: CODE, run };
