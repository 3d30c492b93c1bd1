/**
 * Where UpgradeV0LayerParameter (src/caffe/util/upgrade_proto.cpp) puts each flat V0 layer field:
 * per V0 type, a "message.field" path in LayerParameter. `any` applies to every type. A field set
 * on a type without an entry is dropped with Caffe's LOG(ERROR) "Unknown parameter <field> for
 * layer type <type>" (the upgrade goes on). Fields not listed here are handled by upgrade-v0.ts
 * (name, type, blobs_lr, weight_decay, blobs) or ignored by Caffe too (new_num, new_channels).
 */
export interface V0FieldTarget {
  byType?: Readonly<Record<string, string>>;
  any?: string;
}

export const V0_FIELD_TARGETS: Readonly<Record<string, V0FieldTarget>> = {
  num_output: { byType: { conv: 'convolution_param.num_output', innerproduct: 'inner_product_param.num_output' } },
  biasterm: { byType: { conv: 'convolution_param.bias_term', innerproduct: 'inner_product_param.bias_term' } },
  weight_filler: { byType: { conv: 'convolution_param.weight_filler', innerproduct: 'inner_product_param.weight_filler' } },
  bias_filler: { byType: { conv: 'convolution_param.bias_filler', innerproduct: 'inner_product_param.bias_filler' } },
  pad: { byType: { conv: 'convolution_param.pad', pool: 'pooling_param.pad' } },
  kernelsize: { byType: { conv: 'convolution_param.kernel_size', pool: 'pooling_param.kernel_size' } },
  group: { byType: { conv: 'convolution_param.group' } },
  stride: { byType: { conv: 'convolution_param.stride', pool: 'pooling_param.stride' } },
  // V0's PoolMethod has PoolingParameter's names and numbers (MAX, AVE, STOCHASTIC).
  pool: { byType: { pool: 'pooling_param.pool' } },
  dropout_ratio: { byType: { dropout: 'dropout_param.dropout_ratio' } },
  local_size: { byType: { lrn: 'lrn_param.local_size' } },
  alpha: { byType: { lrn: 'lrn_param.alpha' } },
  beta: { byType: { lrn: 'lrn_param.beta' } },
  k: { byType: { lrn: 'lrn_param.k' } },
  source: {
    byType: {
      data: 'data_param.source',
      hdf5_data: 'hdf5_data_param.source',
      images: 'image_data_param.source',
      window_data: 'window_data_param.source',
      infogain_loss: 'infogain_loss_param.source',
    },
  },
  scale: { any: 'transform_param.scale' },
  meanfile: { any: 'transform_param.mean_file' },
  batchsize: {
    byType: {
      data: 'data_param.batch_size',
      hdf5_data: 'hdf5_data_param.batch_size',
      images: 'image_data_param.batch_size',
      window_data: 'window_data_param.batch_size',
    },
  },
  cropsize: { any: 'transform_param.crop_size' },
  mirror: { any: 'transform_param.mirror' },
  rand_skip: { byType: { data: 'data_param.rand_skip', images: 'image_data_param.rand_skip' } },
  shuffle_images: { byType: { images: 'image_data_param.shuffle' } },
  new_height: { byType: { images: 'image_data_param.new_height' } },
  new_width: { byType: { images: 'image_data_param.new_width' } },
  concat_dim: { byType: { concat: 'concat_param.concat_dim' } },
  det_fg_threshold: { byType: { window_data: 'window_data_param.fg_threshold' } },
  det_bg_threshold: { byType: { window_data: 'window_data_param.bg_threshold' } },
  det_fg_fraction: { byType: { window_data: 'window_data_param.fg_fraction' } },
  det_context_pad: { byType: { window_data: 'window_data_param.context_pad' } },
  det_crop_mode: { byType: { window_data: 'window_data_param.crop_mode' } },
  // Copied whole (CopyFrom) into the layer's own hdf5_output_param.
  hdf5_output_param: { byType: { hdf5_output: 'hdf5_output_param' } },
};

/** The LayerParameter path for a V0 field on a V0 type: a target, 'unknown' (Caffe drops it), or undefined (not a mapped field). */
export function v0FieldTarget(field: string, v0Type: string): string | 'unknown' | undefined {
  if (!Object.prototype.hasOwnProperty.call(V0_FIELD_TARGETS, field)) return undefined;
  const t = V0_FIELD_TARGETS[field];
  if (t.any) return t.any;
  return t.byType && Object.prototype.hasOwnProperty.call(t.byType, v0Type) ? t.byType[v0Type] : 'unknown';
}
