/**
 * Net-level inputs (`input: "data"` with `input_shape { dim … }` or four `input_dim`s per input)
 * become one layer named "input" of type Input, first in the net, with one top and one
 * input_param.shape per input — UpgradeNetInput in src/caffe/util/upgrade_proto.cpp. input_shape
 * wins over input_dim when both are given. Inputs with no shape at all are dropped by Caffe; here
 * they stay as shapeless tops (the shape engine may take them from the inputShapes setting) and
 * an error says that Caffe would not have them, which spares every reader of the blob a second one.
 */
import type { Diagnostic } from '../diagnostics';
import type { BoundField, BoundMessage, BoundScalar, BoundValue } from '../schema/bound';
import type { MessageView } from '../schema/message-view';
import { caffeSchema } from '../schema/registry';
import { messageValue, synthesizeField, synthesizeMessage, syntheticFieldNode, syntheticString } from '../schema/synthesize';
import { spanCovering } from '../text/span';
import type { LayerSource } from './layer-source';

interface Item {
  field: BoundField;
  value: BoundValue;
}

function items(root: MessageView, name: string): Item[] {
  const out: Item[] = [];
  for (const field of root.fields(name)) for (const value of field.values) out.push({ field, value });
  return out;
}

export function inputLayer(root: MessageView): { source?: LayerSource; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const inputs = items(root, 'input');
  const dims = items(root, 'input_dim');
  const shapes = items(root, 'input_shape');
  const error = (span: { start: number; end: number }, code: string, message: string, severity: Diagnostic['severity'] = 'error'): void => {
    diagnostics.push({ span, severity, code, message });
  };
  if (inputs.length === 0) {
    const stray = shapes[0] ?? dims[0];
    if (stray) error(stray.field.node.name.span, 'input-shape-count', `${stray.field.descriptor.name} without any input: Caffe only reads shapes for the net's \`input\` blobs and ignores this.`, 'warning');
    return { diagnostics };
  }
  if (shapes.length > 0 && dims.length > 0) {
    error(dims[0].field.node.name.span, 'input-shape-count', 'Must specify either input_shape OR deprecated input_dim, not both. Caffe uses input_shape and ignores input_dim.', 'warning');
  }
  if (shapes.length > 0 && shapes.length !== inputs.length) {
    error(shapes[0].field.node.name.span, 'input-shape-count', `Exactly one input_shape must be specified per input. Found ${shapes.length} for ${inputs.length} input(s).`);
  } else if (shapes.length === 0 && dims.length > 0 && dims.length !== 4 * inputs.length) {
    error(dims[0].field.node.name.span, 'input-shape-count', `Incorrect input blob dimension specifications. input_dim takes 4 values per input: found ${dims.length} for ${inputs.length} input(s).`);
  } else if (shapes.length === 0 && dims.length === 0) {
    for (const input of inputs) {
      const name = input.value.kind === 'scalar' ? String(input.value.value) : '';
      error(input.value.span, 'input-without-shape', `Input '${name}' has no input_shape or input_dim. Caffe drops such inputs (UpgradeNetInput), so no layer could read '${name}'.`);
    }
  }

  const layer = caffeSchema.requireMessage('caffe.LayerParameter');
  const inputParameter = caffeSchema.requireMessage('caffe.InputParameter');
  const blobShape = caffeSchema.requireMessage('caffe.BlobShape');
  const at = inputs[0].field.node.name.span;
  const fields: BoundField[] = [
    synthesizeField(layer, 'name', syntheticFieldNode('name', at), [syntheticString('input', at)]),
    synthesizeField(layer, 'type', syntheticFieldNode('type', at), [syntheticString('Input', at)]),
  ];
  for (const input of inputs) fields.push(synthesizeField(layer, 'top', input.field.node, [input.value]));

  const shapeFields: BoundField[] = [];
  inputs.forEach((_, i) => {
    if (shapes.length > 0) {
      const s = shapes[i];
      if (s) shapeFields.push(synthesizeField(inputParameter, 'shape', s.field.node, [s.value]));
      return;
    }
    const four = dims.slice(4 * i, 4 * i + 4);
    if (four.length < 4) return;
    const dimFields = four.map((d) => synthesizeField(blobShape, 'dim', d.field.node, [d.value as BoundScalar]));
    const span = spanCovering(four[0].value.span, four[3].value.span);
    const message: BoundMessage = synthesizeMessage(blobShape, span, dimFields);
    shapeFields.push(synthesizeField(inputParameter, 'shape', syntheticFieldNode('shape', four[0].field.node.name.span), [messageValue(message)]));
  });
  if (shapeFields.length > 0) {
    const span = shapeFields[0].values[0].span;
    const message = synthesizeMessage(inputParameter, span, shapeFields);
    fields.push(synthesizeField(layer, 'input_param', syntheticFieldNode('input_param', shapeFields[0].node.name.span), [messageValue(message)]));
  }
  const bound = synthesizeMessage(layer, spanCovering(at, inputs[inputs.length - 1].value.span), fields);
  return { source: { format: 'input', bound }, diagnostics };
}
