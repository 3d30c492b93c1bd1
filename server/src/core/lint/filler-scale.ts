/**
 * filler-scale: a weight variance more than `fillerScaleTolerance` (default 4×) away from the
 * variance recommended for its fans and the nonlinearity that follows — He's 2/((1+a²)·fan_in)
 * ahead of the ReLU family, 1/fan_in (Caffe's xavier) otherwise. Each such layer multiplies the
 * signal's variance by fan_in·Var(W)·(1+a²)/2 (He et al. 2015 §2.2; linear regime otherwise), so a
 * deep stack vanishes or explodes geometrically. Skipped where a BatchNorm renormalises the output.
 */
import type { Diagnostic } from '../diagnostics';
import type { LayerInit, ParamInit } from '../init/analyze-init';
import { describeNonlinearity, isReluFamily, type Nonlinearity } from '../init/following-nonlinearity';
import { signalGain } from '../init/reference-variances';
import { sig4 } from '../text/significant';
import { defaultSeverity } from './codes';
import { paramBlobs, type LintContext, type LintRule } from './context';
import { describeFiller, scaleSpan } from './describe-filler';
import { disableFix, replaceFillerFix } from './filler-fixes';
import { suggestedFiller } from './recommended-filler';

const CODE = 'filler-scale';
/** Random zero-mean-ish fillers whose scale the user chose; constants, kernels and unit balls have their own rules. */
const SCALED = new Set(['gaussian', 'uniform', 'xavier', 'msra']);
/** Layer types whose Caffe fan_in is not a sum over inputs (Embed looks one row up). */
const NO_FAN_SUM = new Set(['Embed']);

export interface ScaleVerdict {
  ratio: number;
  off: boolean;
}

/** How the written variance compares with the recommendation; undefined when it does not apply. */
export function scaleVerdict(layerInit: LayerInit, param: ParamInit, tolerance: number): ScaleVerdict | undefined {
  const { filler, stats, fans, recommendation } = param;
  const following = layerInit.following;
  if (param.role !== 'weight' || !filler?.written || !stats || !fans || !recommendation || !following) return undefined;
  if (!SCALED.has(filler.type) || NO_FAN_SUM.has(layerInit.layer.type) || following.normalized || stats.variance === 0) return undefined;
  const ratio = stats.variance / recommendation.variance;
  return { ratio, off: ratio > tolerance || ratio < 1 / tolerance };
}

export function gainText(fanIn: number, variance: number, following: Nonlinearity): string {
  const act = isReluFamily(following) ? (following.slope ? `·(1+a²)/2` : '·½') : '';
  return `fan_in·Var(W)${act} = ${sig4(signalGain({ fanIn, fanOut: 0 }, variance, following))}`;
}

function run(ctx: LintContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<unknown>();
  for (const { layerInit, layer, param } of paramBlobs(ctx)) {
    const verdict = scaleVerdict(layerInit, param, ctx.fillerScaleTolerance);
    if (!verdict?.off) continue;
    const filler = param.filler!;
    if (seen.has(filler.view.bound)) continue; // one report per filler (RNN/LSTM share one)
    seen.add(filler.view.bound);
    const rec = param.recommendation!;
    const fans = param.fans!;
    const following = layerInit.following!;
    const v = param.stats!.variance;
    const direction = verdict.ratio < 1 ? `${sig4(1 / verdict.ratio)}× smaller` : `${sig4(verdict.ratio)}× larger`;
    const after = following.kind === 'none' ? 'with no nonlinearity after it' : `ahead of ${describeNonlinearity(following)}`;
    // Recurrent layers fill several weight blobs from one weight_filler: say which one is off.
    const blob = layerInit.params.filter((p) => p.role === 'weight').length > 1 ? ` for ${param.caffeName ?? `weight blob ${param.index}`}` : '';
    const message =
      `weight_filler ${describeFiller(filler)} gives Var(W) = ${sig4(v)}${blob}, ${direction} than the ${sig4(rec.variance)} ` +
      `recommended ${after} (${rec.scheme}, fan_in = ${fans.fanIn}). ` +
      `Each layer like "${layer.name}" scales the signal's variance by ${gainText(fans.fanIn, v, following)} (1 keeps it steady).`;
    const suggestion = suggestedFiller(param, following);
    const fix = replaceFillerFix(`Use ${suggestion.label}`, param.fillerField!, filler, `type: "${suggestion.type}"`);
    const fixes = [fix, disableFix(ctx, layer, CODE)].filter((f) => f !== undefined);
    out.push({ span: scaleSpan(filler) ?? filler.fieldSpan!, severity: defaultSeverity(CODE), code: CODE, message, ...(fixes.length ? { fixes } : {}) });
  }
  return out;
}

export const fillerScale: LintRule = { name: CODE, run };
