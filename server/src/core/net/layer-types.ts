/**
 * BVLC Caffe's layer registry as data: every type name that layer_factory.cpp and the
 * REGISTER_LAYER_CLASS lines of src/caffe/layers/*.cpp register, plus `Python` (registered when
 * Caffe is built WITH_PYTHON_LAYER). Per type: the bottom/top count limits that the layer's header
 * (include/caffe/layers/*.hpp) declares through ExactNumBottomBlobs, MinBottomBlobs, … and which
 * Layer::CheckBlobCounts (include/caffe/layer.hpp) enforces; whether it is a LossLayer; whether it
 * is a data layer and where its data comes from.
 */
import type { MessageView } from '../schema/message-view';

/** The counts a layer type accepts; an absent member is Caffe's -1 ("no limit"). */
export interface BlobCounts {
  exactBottoms?: number;
  minBottoms?: number;
  maxBottoms?: number;
  exactTops?: number;
  minTops?: number;
  maxTops?: number;
  /** EqualNumBottomTopBlobs: one top per bottom (Convolution, Deconvolution). */
  equalBottomsTops?: boolean;
  /** AutoTopBlobs: Net::Init adds anonymous tops up to max(MinTopBlobs, ExactNumTopBlobs). */
  autoTops?: boolean;
}

/**
 * Where a data layer's blobs come from: `dataset` — a database or file list on disk (the net trains
 * on it); `generated` — made up by the layer (DummyData); `fed` — set by the program that runs the
 * net (Input, MemoryData), as in deployment.
 */
export type DataSource = 'dataset' | 'generated' | 'fed';

export interface LayerTypeInfo {
  /** Fixed counts, or counts that depend on the layer's parameters (Pooling, RNN, LSTM). */
  counts: BlobCounts | ((layer: MessageView) => BlobCounts);
  /** A LossLayer subclass: LossLayer::LayerSetUp gives top 0 loss_weight 1 unless the file sets loss_weight. */
  loss?: boolean;
  data?: DataSource;
  /** Its tops are figures the solver reports (Accuracy), not activations for later layers. */
  metric?: boolean;
  /** It allocates blobs that a .caffemodel fills by layer name: weights, or BatchNorm's statistics. */
  hasBlobs?: boolean;
}

// Shared base classes' counts.
const NEURON: BlobCounts = { exactBottoms: 1, exactTops: 1 }; // neuron_layer.hpp
const ONE_TO_ONE: BlobCounts = { exactBottoms: 1, exactTops: 1 };
const LOSS: BlobCounts = { exactBottoms: 2, exactTops: 1, autoTops: true }; // loss_layer.hpp
const CONV: BlobCounts = { minBottoms: 1, minTops: 1, equalBottomsTops: true }; // base_conv_layer.hpp

/** recurrent_layer.hpp: 2 bottoms (x, cont) + optional static input; expose_hidden adds the states. */
function recurrent(states: number) {
  return (layer: MessageView): BlobCounts => {
    const exposed = layer.message('recurrent_param').bool('expose_hidden') ? states : 0;
    return { minBottoms: 2 + exposed, maxBottoms: 3 + exposed, exactTops: 1 + exposed };
  };
}

export const LAYER_TYPES: Readonly<Record<string, LayerTypeInfo>> = {
  AbsVal: { counts: NEURON },
  Accuracy: { counts: { exactBottoms: 2, minTops: 1, maxTops: 2 }, metric: true },
  ArgMax: { counts: ONE_TO_ONE },
  BatchNorm: { counts: ONE_TO_ONE, hasBlobs: true },
  BatchReindex: { counts: { exactBottoms: 2, exactTops: 1 } },
  Bias: { counts: { minBottoms: 1, maxBottoms: 2, exactTops: 1 }, hasBlobs: true },
  BNLL: { counts: NEURON },
  Clip: { counts: NEURON },
  Concat: { counts: { minBottoms: 1, exactTops: 1 } },
  ContrastiveLoss: { counts: { ...LOSS, exactBottoms: 3 }, loss: true },
  Convolution: { counts: CONV, hasBlobs: true },
  Crop: { counts: { exactBottoms: 2, exactTops: 1 } },
  Data: { counts: { exactBottoms: 0, minTops: 1, maxTops: 2 }, data: 'dataset' },
  Deconvolution: { counts: CONV, hasBlobs: true },
  Dropout: { counts: NEURON },
  DummyData: { counts: { exactBottoms: 0, minTops: 1 }, data: 'generated' },
  Eltwise: { counts: { minBottoms: 2, exactTops: 1 } },
  ELU: { counts: NEURON },
  Embed: { counts: ONE_TO_ONE, hasBlobs: true },
  EuclideanLoss: { counts: LOSS, loss: true },
  Exp: { counts: NEURON },
  Filter: { counts: { minBottoms: 2, minTops: 1 } },
  Flatten: { counts: ONE_TO_ONE },
  HDF5Data: { counts: { exactBottoms: 0, minTops: 1 }, data: 'dataset' },
  HDF5Output: { counts: { exactBottoms: 2, exactTops: 0 } },
  HingeLoss: { counts: LOSS, loss: true },
  Im2col: { counts: ONE_TO_ONE },
  ImageData: { counts: { exactBottoms: 0, exactTops: 2 }, data: 'dataset' },
  // infogain_loss_layer.hpp: an optional infogain matrix bottom and an optional probabilities top.
  InfogainLoss: { counts: { minBottoms: 2, maxBottoms: 3, minTops: 1, maxTops: 2, autoTops: true }, loss: true },
  InnerProduct: { counts: ONE_TO_ONE, hasBlobs: true },
  Input: { counts: { exactBottoms: 0, minTops: 1 }, data: 'fed' },
  Log: { counts: NEURON },
  LRN: { counts: ONE_TO_ONE },
  LSTM: { counts: recurrent(2), hasBlobs: true }, // h_0, c_0 in; h_T, c_T out
  LSTMUnit: { counts: { exactBottoms: 3, exactTops: 2 } },
  MemoryData: { counts: { exactBottoms: 0, exactTops: 2 }, data: 'fed' },
  MultinomialLogisticLoss: { counts: LOSS, loss: true },
  MVN: { counts: ONE_TO_ONE },
  Parameter: { counts: { exactBottoms: 0, exactTops: 1 }, hasBlobs: true },
  // pooling_layer.hpp: MAX pooling may output its argmax mask as a second top.
  Pooling: {
    counts: (layer) => ({ exactBottoms: 1, minTops: 1, maxTops: layer.message('pooling_param').enumName('pool') === 'MAX' ? 2 : 1 }),
  },
  Power: { counts: NEURON },
  PReLU: { counts: NEURON, hasBlobs: true },
  Python: { counts: {} }, // python_layer.hpp declares no limits; the Python class decides
  Reduction: { counts: ONE_TO_ONE },
  ReLU: { counts: NEURON },
  Reshape: { counts: ONE_TO_ONE },
  RNN: { counts: recurrent(1), hasBlobs: true }, // h_0 in; h_T out
  Scale: { counts: { minBottoms: 1, maxBottoms: 2, exactTops: 1 }, hasBlobs: true },
  Sigmoid: { counts: NEURON },
  SigmoidCrossEntropyLoss: { counts: LOSS, loss: true },
  Silence: { counts: { minBottoms: 1, exactTops: 0 } },
  Slice: { counts: { exactBottoms: 1, minTops: 1 } },
  Softmax: { counts: ONE_TO_ONE },
  // softmax_loss_layer.hpp: an optional second top with the probabilities.
  SoftmaxWithLoss: { counts: { exactBottoms: 2, minTops: 1, maxTops: 2, autoTops: true }, loss: true },
  Split: { counts: { exactBottoms: 1, minTops: 1 } },
  SPP: { counts: ONE_TO_ONE },
  Swish: { counts: NEURON },
  TanH: { counts: NEURON },
  Threshold: { counts: NEURON },
  Tile: { counts: ONE_TO_ONE },
  WindowData: { counts: { exactBottoms: 0, exactTops: 2 }, data: 'dataset' },
};

export function layerTypeInfo(type: string): LayerTypeInfo | undefined {
  return Object.prototype.hasOwnProperty.call(LAYER_TYPES, type) ? LAYER_TYPES[type] : undefined;
}

export function blobCounts(info: LayerTypeInfo, layer: MessageView): BlobCounts {
  return typeof info.counts === 'function' ? info.counts(layer) : info.counts;
}

/**
 * Whether a layer of this type starts with loss_weight 1 on its first top. Registry types say so
 * themselves; for other types (forks, custom builds) the name decides, since their loss layers
 * derive from LossLayer and follow the "…Loss" naming as BVLC's do.
 */
export function isLossType(type: string): boolean {
  const info = layerTypeInfo(type);
  return info ? info.loss === true : type.endsWith('Loss');
}

/** The names Caffe accepts as `type`: the registry (with Python) and the user's custom types. */
export function knownLayerTypes(customLayerTypes: readonly string[]): Set<string> {
  return new Set([...Object.keys(LAYER_TYPES), ...customLayerTypes]);
}
