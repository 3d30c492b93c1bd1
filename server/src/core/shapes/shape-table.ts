/**
 * Layer type → shape rule, for every layer type BVLC Caffe registers. A type missing here (a
 * fork's layer) gets unknown tops; inferShapes says so once.
 */
import { convolution, deconvolution, im2col } from './rules/conv-like';
import { data, dummyData, hdf5Data, imageData, input, memoryData, python, windowData } from './rules/data';
import { eltwise, lrn, sameAsBottom, silence, softmax } from './rules/elementwise';
import { batchNorm, bias, embed, innerProduct, parameter, prelu, scale } from './rules/learnable';
import {
  accuracy,
  contrastiveLoss,
  euclideanLoss,
  hingeLoss,
  infogainLoss,
  multinomialLogisticLoss,
  noTops,
  sigmoidCrossEntropyLoss,
  softmaxWithLoss,
} from './rules/loss';
import { pooling, spp } from './rules/pooling';
import { lstm, lstmUnit, rnn } from './rules/recurrent';
import { argMax, batchReindex, concat, crop, filter, flatten, reduction, reshape, slice, tile } from './rules/reshaping';
import type { ShapeRule } from './types';

export const SHAPE_RULES: Readonly<Record<string, ShapeRule>> = {
  // Same shape as the bottom (neuron layers and friends).
  AbsVal: sameAsBottom,
  BNLL: sameAsBottom,
  Clip: sameAsBottom,
  Dropout: sameAsBottom,
  ELU: sameAsBottom,
  Exp: sameAsBottom,
  Log: sameAsBottom,
  MVN: sameAsBottom,
  Power: sameAsBottom,
  ReLU: sameAsBottom,
  Sigmoid: sameAsBottom,
  Split: sameAsBottom,
  Swish: sameAsBottom,
  TanH: sameAsBottom,
  Threshold: sameAsBottom,
  Eltwise: eltwise,
  LRN: lrn,
  Softmax: softmax,
  Silence: silence,
  // Convolutions and pooling.
  Convolution: convolution,
  Deconvolution: deconvolution,
  Im2col: im2col,
  Pooling: pooling,
  SPP: spp,
  // Learnable.
  BatchNorm: batchNorm,
  Bias: bias,
  Embed: embed,
  InnerProduct: innerProduct,
  Parameter: parameter,
  PReLU: prelu,
  Scale: scale,
  // Recurrent.
  LSTM: lstm,
  LSTMUnit: lstmUnit,
  RNN: rnn,
  // Rearranging.
  ArgMax: argMax,
  BatchReindex: batchReindex,
  Concat: concat,
  Crop: crop,
  Filter: filter,
  Flatten: flatten,
  Reduction: reduction,
  Reshape: reshape,
  Slice: slice,
  Tile: tile,
  // Data.
  Data: data,
  DummyData: dummyData,
  HDF5Data: hdf5Data,
  ImageData: imageData,
  Input: input,
  MemoryData: memoryData,
  Python: python,
  WindowData: windowData,
  // Losses, Accuracy, and sinks.
  Accuracy: accuracy,
  ContrastiveLoss: contrastiveLoss,
  EuclideanLoss: euclideanLoss,
  HingeLoss: hingeLoss,
  InfogainLoss: infogainLoss,
  MultinomialLogisticLoss: multinomialLogisticLoss,
  SigmoidCrossEntropyLoss: sigmoidCrossEntropyLoss,
  SoftmaxWithLoss: softmaxWithLoss,
  HDF5Output: noTops,
};

export function shapeRuleFor(type: string): ShapeRule | undefined {
  return Object.prototype.hasOwnProperty.call(SHAPE_RULES, type) ? SHAPE_RULES[type] : undefined;
}
