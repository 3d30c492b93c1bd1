/**
 * filler-param-ignored, filler-param-invalid and bilinear-not-deconvolution: what each filler of
 * include/caffe/filler.hpp reads, and the CHECKs that abort Caffe —
 * - every filler but gaussian: CHECK_EQ(sparse, -1) "Sparsity not supported by this Filler.";
 * - gaussian: CHECK_GE(sparse, -1); std must be > 0 and p = sparse/shape(0) at most 1
 *   (caffe_rng_gaussian, caffe_rng_bernoulli in src/caffe/util/math_functions.cpp);
 * - uniform: min ≤ max (caffe_rng_uniform);
 * - bilinear: "Blob must be 4 dim." and "Filter must be square".
 * Fields a filler never reads are ignored silently by Caffe: a warning, with a fix that removes them.
 */
import type { Diagnostic, QuickFix } from '../diagnostics';
import { FILLER_FIELDS, type FillerField } from '../init/filler-spec';
import { isKnownFillerType } from '../init/filler-stats';
import type { MessageView } from '../schema/message-view';
import { shapeText, sig4 } from '../text/significant';
import type { Span } from '../text/span';
import { defaultSeverity } from './codes';
import { paramBlobs, type LintContext, type LintRule } from './context';
import { removeFieldEdit } from './edits';
import { fillerSites } from './filler-sites';

/** The fields each filler type reads besides `type` (filler.hpp). */
const READS: Record<string, readonly FillerField[]> = {
  constant: ['value'],
  uniform: ['min', 'max'],
  gaussian: ['mean', 'std', 'sparse'],
  positive_unitball: [],
  xavier: ['variance_norm'],
  msra: ['variance_norm'],
  bilinear: [],
};

/** What the filler's scale comes from, to explain why a field does nothing. */
const SCALE_FROM: Record<string, string> = {
  constant: 'it writes `value` everywhere',
  uniform: 'it draws from [min, max]',
  gaussian: 'it draws N(mean, std²)',
  positive_unitball: 'its rows of U(0,1) draws are scaled to sum to 1',
  xavier: 'its variance is 1/n from the blob\'s fans (n per variance_norm)',
  msra: 'its variance is 2/n from the blob\'s fans (n per variance_norm)',
  bilinear: 'it writes a fixed interpolation kernel',
};

function fieldSpanOf(filler: MessageView, field: string): Span | undefined {
  return filler.nameSpan(field);
}

function removeFix(ctx: LintContext, filler: MessageView, field: string): QuickFix[] {
  const node = filler.fields(field).at(-1)?.node;
  return node ? [{ title: `Remove ${field}`, edits: [removeFieldEdit(ctx.text, node)], preferred: true }] : [];
}

function siteChecks(ctx: LintContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { field, filler } of fillerSites(ctx.root)) {
    const type = filler.string('type');
    if (!isKnownFillerType(type)) continue; // unknown-filler-type reports it
    const where = field.descriptor.name;
    const invalid = (name: string, message: string, fixes: QuickFix[] = []): void => {
      const span = fieldSpanOf(filler, name);
      if (span) out.push({ span, severity: defaultSeverity('filler-param-invalid'), code: 'filler-param-invalid', message, ...(fixes.length ? { fixes } : {}) });
    };
    const sparse = filler.number('sparse');
    if (type !== 'gaussian' && filler.has('sparse') && sparse !== -1) {
      invalid('sparse', `sparse: ${sparse} makes Caffe abort: the ${type} filler checks sparse == -1 ("Sparsity not supported by this Filler."); only gaussian supports it.`, removeFix(ctx, filler, 'sparse'));
    }
    if (type === 'gaussian' && sparse < -1) invalid('sparse', `sparse: ${sparse} makes Caffe abort: the gaussian filler checks sparse >= -1.`);
    if (type === 'gaussian' && filler.has('std') && !(filler.number('std') > 0)) {
      invalid('std', `std: ${filler.number('std')} makes Caffe abort: gaussian draws need std > 0 (caffe_rng_gaussian checks sigma > 0).`);
    }
    if (type === 'uniform' && filler.number('min') > filler.number('max')) {
      const name = filler.has('min') ? 'min' : 'max';
      invalid(name, `min ${filler.number('min')} > max ${filler.number('max')} makes Caffe abort: caffe_rng_uniform checks min <= max.`);
    }
    for (const name of FILLER_FIELDS) {
      if (name === 'type' || READS[type].includes(name) || !filler.has(name)) continue;
      if (name === 'sparse' && sparse !== -1) continue; // invalid, reported above
      const span = fieldSpanOf(filler, name);
      if (!span) continue;
      out.push({
        span,
        severity: defaultSeverity('filler-param-ignored'),
        code: 'filler-param-ignored',
        message: `${where}: "${name}" is ignored by the ${type} filler — ${SCALE_FROM[type]}` +
          (READS[type].length ? `; it reads only ${READS[type].join(', ')}.` : '.'),
        fixes: removeFix(ctx, filler, name),
      });
    }
  }
  return out;
}

/** Checks that need the blob's shape or layer: sparse beyond shape(0), bilinear's 4-D square kernel, bilinear outside Deconvolution. */
function blobChecks(ctx: LintContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<unknown>();
  for (const { layer, param } of paramBlobs(ctx)) {
    const f = param.filler;
    if (!f?.written || !f.fieldSpan || seen.has(f.view.bound)) continue;
    const typeSpan = f.view.valueSpans('type').at(-1) ?? f.nameSpan ?? f.fieldSpan;
    if (f.type === 'bilinear') {
      const shape = param.shape;
      if (shape && shape.length !== 4) {
        seen.add(f.view.bound);
        out.push({
          span: typeSpan,
          severity: defaultSeverity('filler-param-invalid'),
          code: 'filler-param-invalid',
          message: `The bilinear filler needs a 4-D blob, but ${layer.name}'s ${param.role} is ${shapeText(shape)} (${shape.length}-D): Caffe aborts ("Blob must be 4 dim.").`,
        });
      } else if (shape && shape[2] !== shape[3]) {
        seen.add(f.view.bound);
        out.push({
          span: typeSpan,
          severity: defaultSeverity('filler-param-invalid'),
          code: 'filler-param-invalid',
          message: `The bilinear filler needs a square kernel, but ${layer.name}'s ${param.role} is ${shapeText(shape)} (kernel ${shape[2]}×${shape[3]}): Caffe aborts ("Filter must be square").`,
        });
      } else if (layer.type !== 'Deconvolution' && param.role === 'weight') {
        seen.add(f.view.bound);
        out.push({
          span: typeSpan,
          severity: defaultSeverity('bilinear-not-deconvolution'),
          code: 'bilinear-not-deconvolution',
          message: `bilinear is an upsampling kernel for Deconvolution (with num_output = group = channels and lr_mult 0); in ${layer.type} "${layer.name}" it makes every output a fixed blur of its inputs.`,
        });
      }
    }
    if (f.type === 'gaussian' && f.sparse > 0 && param.shape && param.shape.length > 0 && f.sparse > param.shape[0]) {
      seen.add(f.view.bound);
      const span = f.view.nameSpan('sparse') ?? typeSpan;
      out.push({
        span,
        severity: defaultSeverity('filler-param-invalid'),
        code: 'filler-param-invalid',
        message: `sparse: ${f.sparse} exceeds shape(0) = ${param.shape[0]} of ${layer.name}'s ${param.role}, so the keep probability sparse/shape(0) = ${sig4(f.sparse / param.shape[0])} is above 1: Caffe aborts (caffe_rng_bernoulli checks p <= 1).`,
      });
    }
  }
  return out;
}

export const fillerParams: LintRule = { name: 'filler-params', run: (ctx) => [...siteChecks(ctx), ...blobChecks(ctx)] };
