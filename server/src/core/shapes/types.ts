/**
 * Blob shapes as Caffe computes them in each layer's Reshape/LayerSetUp. A shape is the list of
 * axis sizes; `undefined` means "not knowable from the file" (an HDF5 source, a Python layer, an
 * upstream unknown) and stays unknown downstream — never guessed.
 */
import type { Diagnostic } from '../diagnostics';
import type { LayerModel } from '../net/model';

export type Shape = number[];

/** One learnable (or statistics) blob a layer allocates, in Caffe's order (blobs_[i]). */
export interface ParamBlob {
  /** What the blob is: 'weight', 'bias', 'scale', 'slope', 'mean', 'variance', 'moving-average-factor', … */
  role: string;
  shape: Shape;
  /** The FillerParameter field in the layer's parameter message that fills it, e.g. 'weight_filler'. */
  fillerField?: string;
  /** The parameter message holding that filler field, e.g. 'convolution_param'. */
  fillerMessage?: string;
}

export interface ShapeRuleInput {
  layer: LayerModel;
  bottoms: (Shape | undefined)[];
}

export interface ShapeRuleOutput {
  tops: (Shape | undefined)[];
  params?: ParamBlob[];
  diagnostics?: Diagnostic[];
}

/** One entry per layer type in the shape table. */
export type ShapeRule = (input: ShapeRuleInput) => ShapeRuleOutput;

export interface LayerShapes {
  layer: LayerModel;
  bottoms: (Shape | undefined)[];
  tops: (Shape | undefined)[];
  params: ParamBlob[];
}

export interface ShapeResult {
  /** Per active layer, in net order. */
  layers: LayerShapes[];
  /** Blob name → shape after the last layer that writes it (undefined when unknown). */
  blobs: Map<string, Shape | undefined>;
  diagnostics: Diagnostic[];
}
