/**
 * A V1 `layers { }` entry read as the caffe.LayerParameter Caffe makes of it
 * (UpgradeV1LayerParameter and UpgradeNetDataTransformation in src/caffe/util/upgrade_proto.cpp):
 * the enum type becomes its registry name, blobs_lr/weight_decay/param/blob_share_mode become
 * `param { }` blocks, deprecated transformation fields of data layers move into transform_param,
 * and every other field — bottoms, tops, include/exclude, loss_weight, the *_param messages, which
 * have the same message types in both — is kept as written.
 */
import type { BoundField, BoundMessage, BoundValue } from '../schema/bound';
import { caffeSchema } from '../schema/registry';
import { messageValue, scalarValue, synthesizeField, synthesizeMessage, syntheticFieldNode } from '../schema/synthesize';
import { DATA_TRANSFORM_FIELDS, V1_DATA_TRANSFORM_PARAMS, v1TypeName } from './legacy-types';
import { LegacyParamSpecs } from './legacy-param-specs';

export function upgradeV1Layer(v1: BoundMessage): BoundMessage {
  const layer = caffeSchema.requireMessage('caffe.LayerParameter');
  const fields: BoundField[] = [];
  const params = new LegacyParamSpecs();
  let typeEnum: string | undefined;
  for (const f of v1.fields) {
    if (params.add(f)) continue;
    const name = f.descriptor.name;
    if (name === 'type') {
      const values: BoundValue[] = [];
      for (const v of f.values) {
        if (v.kind !== 'scalar' || v.enumName === undefined) continue;
        typeEnum = v.enumName;
        values.push(scalarValue(v.node, v.span, v1TypeName(v.enumName) ?? ''));
      }
      fields.push(synthesizeField(layer, 'type', f.node, values));
      continue;
    }
    // A V0 layer nested in a V1 net is dropped ("Input NetParameter has V0 layer -- ignoring.").
    if (name === 'layer') continue;
    const same = caffeSchema.field(layer, name);
    if (same && same.type === f.descriptor.type && same.typeName === f.descriptor.typeName) fields.push({ ...f, descriptor: same });
  }
  fields.push(...params.fields());
  // typeEnum is a LayerType name the schema accepted, so the lookup cannot hit Object's members.
  const dataParam = typeEnum === undefined ? undefined : V1_DATA_TRANSFORM_PARAMS[typeEnum];
  if (dataParam) moveTransformFields(fields, dataParam);
  return synthesizeMessage(layer, v1.node?.span ?? v1.span, fields);
}

/** CONVERT_LAYER_TRANSFORM_PARAM: scale, mean_file, crop_size and mirror of data_param (etc.) go to transform_param. */
function moveTransformFields(fields: BoundField[], paramName: string): void {
  const moved: BoundField[] = [];
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    if (f.descriptor.name !== paramName) continue;
    const values = f.values.map((v) => {
      if (v.kind !== 'message') return v;
      const kept = v.message.fields.filter((g) => !DATA_TRANSFORM_FIELDS.includes(g.descriptor.name));
      if (kept.length === v.message.fields.length) return v;
      moved.push(...v.message.fields.filter((g) => DATA_TRANSFORM_FIELDS.includes(g.descriptor.name)));
      return messageValue({ ...v.message, fields: kept });
    });
    fields[i] = { ...f, values };
  }
  if (moved.length === 0) return;
  const transform = caffeSchema.requireMessage('caffe.TransformationParameter');
  const retargeted = moved.map((g) => synthesizeField(transform, g.descriptor.name, g.node, g.values));
  const existing = fields.findIndex((f) => f.descriptor.name === 'transform_param' && f.values.some((v) => v.kind === 'message'));
  if (existing >= 0) {
    // The moved values are set after the transform_param the file gives, so they win.
    const f = fields[existing];
    const last = f.values[f.values.length - 1];
    if (last.kind === 'message') {
      const merged = { ...last.message, fields: [...last.message.fields, ...retargeted] };
      fields[existing] = { ...f, values: [...f.values.slice(0, -1), messageValue(merged)] };
    }
    return;
  }
  const at = moved[0].node.name.span;
  const message = synthesizeMessage(transform, at, retargeted);
  const layer = caffeSchema.requireMessage('caffe.LayerParameter');
  fields.push(synthesizeField(layer, 'transform_param', syntheticFieldNode('transform_param', at), [messageValue(message)]));
}
