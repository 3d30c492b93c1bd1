/** The lint rules, in the order their findings are listed; each lives in the file named by its code. */
import type { Diagnostic } from '../diagnostics';
import { activationMismatch } from './activation-mismatch';
import type { LintContext, LintRule } from './context';
import { fanFillerOnBias } from './fan-filler-on-bias';
import { fillerParams } from './filler-params';
import { fillerScale } from './filler-scale';
import { missingWeightFiller } from './missing-weight-filler';
import { nonzeroMeanWeights } from './nonzero-mean-weights';
import { preluScaleFiller } from './prelu-scale-filler';
import { unknownFillerType } from './unknown-filler-type';

export const LINT_RULES: readonly LintRule[] = [
  missingWeightFiller,
  unknownFillerType,
  fillerParams,
  nonzeroMeanWeights,
  fillerScale,
  fanFillerOnBias,
  activationMismatch,
  preluScaleFiller,
];

export function lint(ctx: LintContext): Diagnostic[] {
  return LINT_RULES.flatMap((rule) => rule.run(ctx));
}
