/**
 * Legacy layer type names and how Caffe maps them to registry types (src/caffe/util/upgrade_proto.cpp):
 * V1 `layers { type: CONVOLUTION }` through UpgradeV1LayerType, V0 `layer { type: "conv" }` through
 * UpgradeV0LayerType (to a V1 enum) and then UpgradeV1LayerType.
 */

/** V1LayerParameter.LayerType → type name (UpgradeV1LayerType). NONE becomes "", which no layer has. */
export const V1_LAYER_TYPES: Readonly<Record<string, string>> = {
  NONE: '',
  ABSVAL: 'AbsVal',
  ACCURACY: 'Accuracy',
  ARGMAX: 'ArgMax',
  BNLL: 'BNLL',
  CONCAT: 'Concat',
  CONTRASTIVE_LOSS: 'ContrastiveLoss',
  CONVOLUTION: 'Convolution',
  DECONVOLUTION: 'Deconvolution',
  DATA: 'Data',
  DROPOUT: 'Dropout',
  DUMMY_DATA: 'DummyData',
  EUCLIDEAN_LOSS: 'EuclideanLoss',
  ELTWISE: 'Eltwise',
  EXP: 'Exp',
  FLATTEN: 'Flatten',
  HDF5_DATA: 'HDF5Data',
  HDF5_OUTPUT: 'HDF5Output',
  HINGE_LOSS: 'HingeLoss',
  IM2COL: 'Im2col',
  IMAGE_DATA: 'ImageData',
  INFOGAIN_LOSS: 'InfogainLoss',
  INNER_PRODUCT: 'InnerProduct',
  LRN: 'LRN',
  MEMORY_DATA: 'MemoryData',
  MULTINOMIAL_LOGISTIC_LOSS: 'MultinomialLogisticLoss',
  MVN: 'MVN',
  POOLING: 'Pooling',
  POWER: 'Power',
  RELU: 'ReLU',
  SIGMOID: 'Sigmoid',
  SIGMOID_CROSS_ENTROPY_LOSS: 'SigmoidCrossEntropyLoss',
  SILENCE: 'Silence',
  SOFTMAX: 'Softmax',
  SOFTMAX_LOSS: 'SoftmaxWithLoss',
  SPLIT: 'Split',
  SLICE: 'Slice',
  TANH: 'TanH',
  WINDOW_DATA: 'WindowData',
  THRESHOLD: 'Threshold',
};

/** V0LayerParameter.type → V1 enum name (UpgradeV0LayerType); any other name is fatal there. */
export const V0_LAYER_TYPES: Readonly<Record<string, string>> = {
  accuracy: 'ACCURACY',
  bnll: 'BNLL',
  concat: 'CONCAT',
  conv: 'CONVOLUTION',
  data: 'DATA',
  dropout: 'DROPOUT',
  euclidean_loss: 'EUCLIDEAN_LOSS',
  flatten: 'FLATTEN',
  hdf5_data: 'HDF5_DATA',
  hdf5_output: 'HDF5_OUTPUT',
  im2col: 'IM2COL',
  images: 'IMAGE_DATA',
  infogain_loss: 'INFOGAIN_LOSS',
  innerproduct: 'INNER_PRODUCT',
  lrn: 'LRN',
  multinomial_logistic_loss: 'MULTINOMIAL_LOGISTIC_LOSS',
  pool: 'POOLING',
  relu: 'RELU',
  sigmoid: 'SIGMOID',
  softmax: 'SOFTMAX',
  softmax_loss: 'SOFTMAX_LOSS',
  split: 'SPLIT',
  tanh: 'TANH',
  window_data: 'WINDOW_DATA',
};

/** V1 data layers whose deprecated transformation fields NetNeedsDataUpgrade moves into transform_param. */
export const V1_DATA_TRANSFORM_PARAMS: Readonly<Record<string, string>> = {
  DATA: 'data_param',
  IMAGE_DATA: 'image_data_param',
  WINDOW_DATA: 'window_data_param',
};

/** The fields UpgradeNetDataTransformation moves (CONVERT_LAYER_TRANSFORM_PARAM). */
export const DATA_TRANSFORM_FIELDS: readonly string[] = ['scale', 'mean_file', 'crop_size', 'mirror'];

function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

export function v1TypeName(enumName: string): string | undefined {
  return own(V1_LAYER_TYPES, enumName);
}

/** The registry type of a V0 type string, or undefined when UpgradeV0LayerType does not know it. */
export function v0TypeName(v0Type: string): string | undefined {
  const v1 = own(V0_LAYER_TYPES, v0Type);
  return v1 === undefined ? undefined : own(V1_LAYER_TYPES, v1);
}
