/**
 * Rules about include/exclude and phase that Caffe checks or that users get wrong:
 * - Net::FilterNet (src/caffe/net.cpp) stops on a layer with both include and exclude rules;
 * - LayerParameter's own `phase` does not filter: Net::Init only fills it in when unset, and the
 *   layer then runs in that phase's mode (Dropout passes everything in TEST, BatchNorm uses its
 *   global statistics) in every net it is part of — usually `include { phase: … }` was meant.
 * Both apply to every layer, whatever the analysed phase.
 */
import type { Diagnostic } from '../diagnostics';
import { isSynthetic } from '../schema/synthesize';
import type { LayerModel } from './model';

export function checkIncludeExclude(layer: LayerModel): Diagnostic[] {
  if (!layer.view.has('include') || !layer.view.has('exclude')) return [];
  const node = layer.view.fields('exclude')[0].node;
  if (isSynthetic(node)) return [];
  return [{
    span: node.name.span,
    severity: 'error',
    code: 'include-and-exclude',
    message: 'Specify either include rules or exclude rules; not both.',
    related: [{ span: layer.view.fields('include')[0].node.name.span, message: 'include rules are given here' }],
  }];
}

export function checkPhaseField(layer: LayerModel): Diagnostic[] {
  if (layer.format !== 'v2' || !layer.view.has('phase')) return [];
  const phase = layer.view.enumName('phase');
  const field = layer.view.fields('phase').at(-1)!.node;
  const other = phase === 'TRAIN' ? 'TEST' : 'TRAIN';
  return [{
    span: field.span,
    severity: 'information',
    code: 'layer-phase-field',
    message:
      `"phase: ${phase}" does not choose the nets this layer is in: Caffe keeps it in the ${other} net too and runs it there as in ${phase}. ` +
      `To use the layer only in ${phase}, write include { phase: ${phase} }.`,
    fixes: [{ title: `Change to include { phase: ${phase} }`, edits: [{ span: field.span, newText: `include { phase: ${phase} }` }] }],
  }];
}
