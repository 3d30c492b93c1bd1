/**
 * Which filler fills which learnable blob, per layer type, and the fillers layers substitute when
 * the file gives none. The shape stage lists the blobs with their shapes; this table is the
 * fallback when it cannot (an unknown bottom shape), so filler rules still see every filler.
 * Sources: BVLC/caffe src/caffe/layers/{base_conv,inner_product,embed,recurrent,scale,bias,prelu}_layer.cpp.
 */
import type { LayerModel } from '../net/model';

export interface FillerSlot {
  role: string;
  message: string;
  field: string;
  /** Whether Caffe allocates the blob for this layer (bias_term, a second bottom …). */
  present?: (layer: LayerModel) => boolean;
  /** The filler the layer uses when the field is absent (instead of FillerParameter's constant 0). */
  defaultFiller?: { type: 'constant'; value: number };
}

const biasTerm = (message: string) => (l: LayerModel) => l.view.message(message).bool('bias_term');
const learnedFromOneBottom = (l: LayerModel) => l.bottoms.length < 2;

const convSlots = (message: string): FillerSlot[] => [
  { role: 'weight', message, field: 'weight_filler' },
  { role: 'bias', message, field: 'bias_filler', present: biasTerm(message) },
];

export const FILLER_SLOTS: Record<string, FillerSlot[]> = {
  Convolution: convSlots('convolution_param'),
  Deconvolution: convSlots('convolution_param'),
  InnerProduct: convSlots('inner_product_param'),
  Embed: convSlots('embed_param'),
  RNN: [
    { role: 'weight', message: 'recurrent_param', field: 'weight_filler' },
    { role: 'bias', message: 'recurrent_param', field: 'bias_filler' },
  ],
  LSTM: [
    { role: 'weight', message: 'recurrent_param', field: 'weight_filler' },
    { role: 'bias', message: 'recurrent_param', field: 'bias_filler' },
  ],
  // With a second bottom the scale (or bias) is an input, not a parameter.
  Scale: [
    { role: 'scale', message: 'scale_param', field: 'filler', present: learnedFromOneBottom, defaultFiller: { type: 'constant', value: 1 } },
    { role: 'bias', message: 'scale_param', field: 'bias_filler', present: biasTerm('scale_param') },
  ],
  Bias: [{ role: 'bias', message: 'bias_param', field: 'filler', present: learnedFromOneBottom }],
  PReLU: [{ role: 'slope', message: 'prelu_param', field: 'filler', defaultFiller: { type: 'constant', value: 0.25 } }],
};

export function fillerSlots(layer: LayerModel): FillerSlot[] {
  const slots = FILLER_SLOTS[layer.type];
  return slots ? slots.filter((s) => !s.present || s.present(layer)) : NO_SLOTS;
}

const NO_SLOTS: FillerSlot[] = [];
