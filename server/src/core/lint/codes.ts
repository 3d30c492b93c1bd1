/**
 * Every lint code with its default severity and what it reports: the table the README lists and
 * settings (`prototxtLens.severity`) refer to. Severities can be changed or turned off per code,
 * and `# prototxt-lens: disable=CODE` silences a code for the block that follows.
 */
import type { Severity } from '../diagnostics';

export interface LintCodeInfo {
  severity: Severity;
  summary: string;
}

export const LINT_CODES = {
  'missing-weight-filler': {
    severity: 'warning',
    summary: 'Learnable weights without a weight_filler start at constant 0 (a hint in deploy nets, whose weights come from a .caffemodel).',
  },
  'unknown-filler-type': { severity: 'error', summary: 'A filler type Caffe does not know: GetFiller aborts ("Unknown filler name").' },
  'filler-param-ignored': { severity: 'warning', summary: 'A filler field the filler type never reads (std on xavier/msra, variance_norm on gaussian/uniform, …).' },
  'filler-param-invalid': {
    severity: 'error',
    summary: 'Filler settings that fail a Caffe CHECK: sparse on a non-gaussian filler, bilinear on a blob that is not 4-D with a square kernel, std ≤ 0, min > max.',
  },
  'bilinear-not-deconvolution': { severity: 'warning', summary: 'A bilinear filler outside a Deconvolution layer (it is an upsampling kernel).' },
  'nonzero-mean-weights': {
    severity: 'warning',
    summary: 'Weights that are not zero-mean or all equal: uniform with min ≠ −max (the default U(0,1)), positive_unitball, constant, gaussian with a mean.',
  },
  'filler-scale': {
    severity: 'warning',
    summary: 'A weight variance more than a factor (fillerScaleTolerance, default 4) from the recommendation for its fans and the nonlinearity that follows.',
  },
  'fan-filler-on-bias': { severity: 'warning', summary: 'xavier or msra as a bias filler: a 1-D blob has fan_in 1, so the bias variance is 1 or 2.' },
  'activation-mismatch': {
    severity: 'information',
    summary: 'xavier ahead of a ReLU (the signal halves each layer; msra fits), or msra ahead of TanH/Sigmoid (xavier fits).',
  },
  'prelu-scale-filler': { severity: 'warning', summary: 'A Scale or PReLU filler that zeroes, shrinks or explodes the signal.' },
} as const satisfies Record<string, LintCodeInfo>;

export type LintCode = keyof typeof LINT_CODES;

export function defaultSeverity(code: LintCode): Severity {
  return LINT_CODES[code].severity;
}
