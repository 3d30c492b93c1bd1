/**
 * Layer type → signal rule (forward moments, backward gradient). A type missing here (recurrent
 * layers, SPP, Reduction, a fork's layer) gets unknown values, and the report's notes say so.
 */
import { ACTIVATIONS } from './rules/activations';
import { bias, dropout, scale } from './rules/affine';
import { dataSource, python } from './rules/data';
import { LOSS_RULES, sink, softmax } from './rules/heads';
import { convolution, deconvolution, embed, innerProduct } from './rules/linear';
import { neuronRule } from './rules/neuron';
import { batchNorm, lrn, mvn } from './rules/normalization';
import { pooling } from './rules/pooling';
import { concat, copy, eltwise, resample, silence, slice } from './rules/routing';
import type { SignalRule } from './types';

const neurons = Object.fromEntries(Object.entries(ACTIVATIONS).map(([type, factory]) => [type, neuronRule(factory)]));

export const SIGNAL_RULES: Readonly<Record<string, SignalRule>> = {
  // Sources.
  Input: dataSource,
  Data: dataSource,
  ImageData: dataSource,
  HDF5Data: dataSource,
  MemoryData: dataSource,
  WindowData: dataSource,
  DummyData: dataSource,
  Python: python,
  // Weighted sums.
  Convolution: convolution,
  Deconvolution: deconvolution,
  InnerProduct: innerProduct,
  Embed: embed,
  // Elementwise nonlinearities (ReLU, PReLU, ELU, AbsVal, TanH, Sigmoid, BNLL, Swish, Exp, Power, Log, Clip, Threshold).
  ...neurons,
  // Pooling and normalisation.
  Pooling: pooling,
  BatchNorm: batchNorm,
  LRN: lrn,
  MVN: mvn,
  Scale: scale,
  Bias: bias,
  Dropout: dropout,
  // Moving and combining.
  Split: copy,
  Flatten: copy,
  Reshape: copy,
  BatchReindex: copy,
  Crop: resample,
  Tile: resample,
  Concat: concat,
  Slice: slice,
  Eltwise: eltwise,
  Silence: silence,
  // Ends of the forward chain.
  ...LOSS_RULES,
  Softmax: softmax,
  Accuracy: sink,
  ArgMax: sink,
  HDF5Output: sink,
};

export function signalRuleFor(type: string): SignalRule | undefined {
  return Object.prototype.hasOwnProperty.call(SIGNAL_RULES, type) ? SIGNAL_RULES[type] : undefined;
}
