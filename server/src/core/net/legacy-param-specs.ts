/**
 * V1 and V0 layers give per-blob learning settings as parallel lists (blobs_lr, weight_decay, and
 * in V1 also param and blob_share_mode); UpgradeV1LayerParameter (src/caffe/util/upgrade_proto.cpp)
 * turns the i-th value of each into a field of the i-th `param { }` (lr_mult, decay_mult, name,
 * share_mode). This collects them in that shape, reusing the values so spans stay in the file.
 */
import type { BoundField, BoundScalar } from '../schema/bound';
import { caffeSchema } from '../schema/registry';
import { messageValue, synthesizeField, synthesizeMessage, syntheticFieldNode } from '../schema/synthesize';

/** The ParamSpec field each legacy list fills. */
export const LEGACY_PARAM_LISTS: Readonly<Record<string, string>> = {
  blobs_lr: 'lr_mult',
  weight_decay: 'decay_mult',
  param: 'name',
  blob_share_mode: 'share_mode',
};

export class LegacyParamSpecs {
  private readonly specs: BoundField[][] = [];
  private readonly counts = new Map<string, number>();

  /** True when the field is one of the legacy lists (and has been taken in). */
  add(field: BoundField): boolean {
    if (!Object.prototype.hasOwnProperty.call(LEGACY_PARAM_LISTS, field.descriptor.name)) return false;
    const target = LEGACY_PARAM_LISTS[field.descriptor.name];
    const paramSpec = caffeSchema.requireMessage('caffe.ParamSpec');
    for (const value of field.values) {
      if (value.kind !== 'scalar') continue;
      const i = this.counts.get(field.descriptor.name) ?? 0;
      this.counts.set(field.descriptor.name, i + 1);
      while (this.specs.length <= i) this.specs.push([]);
      this.specs[i].push(synthesizeField(paramSpec, target, field.node, [value as BoundScalar]));
    }
    return true;
  }

  /** The LayerParameter `param` fields, one per blob index that any list reaches. */
  fields(): BoundField[] {
    const layer = caffeSchema.requireMessage('caffe.LayerParameter');
    const paramSpec = caffeSchema.requireMessage('caffe.ParamSpec');
    return this.specs.map((fields) => {
      const first = fields[0].values[0];
      const message = synthesizeMessage(paramSpec, first.span, fields);
      return synthesizeField(layer, 'param', syntheticFieldNode('param', fields[0].node.name.span), [messageValue(message)]);
    });
  }
}
