/**
 * Blob shapes as Caffe computes them in each layer's Reshape/LayerSetUp.
 *
 * Unknown is never guessed. It comes in two strengths:
 * - a whole shape is `undefined` when not even its number of axes is knowable from the file
 *   (an HDF5 source, a Python layer, a layer type we have no rule for, or a Caffe CHECK that fails);
 * - a single axis is `null` when the rank is known but that size comes from a dataset (a Data
 *   layer's channels, an image's height) or from the data itself (Filter's batch size).
 * `Shape` is always fully known; `Dims` may hold nulls. Every `dims` field has a fully-known
 * `shape` twin that is `undefined` unless every axis is known, so consumers that need exact
 * numbers (fans, parameter counts) never see a null.
 */
import type { Diagnostic } from '../diagnostics';
import type { LayerModel } from '../net/model';

/** Every axis known. */
export type Shape = number[];
/** An axis size, or null when the file cannot tell it. */
export type Dim = number | null;
/** A shape whose rank is known but some of whose axes may not be. */
export type Dims = Dim[];

/** One learnable (or statistics) blob a layer allocates, in Caffe's order (blobs_[i]). */
export interface ParamBlob {
  /** What the blob is: 'weight', 'bias', 'scale', 'slope', 'mean', 'variance', 'moving-average-factor', … */
  role: string;
  /** The blob's shape when every axis is known (undefined when it depends on an unknown input axis). */
  shape: Shape | undefined;
  /** The blob's shape with unknown axes as null, e.g. conv1's weight (96, null, 11, 11) after a Data layer. */
  dims: Dims;
  /** False for BatchNorm's statistics: blobs_ entries whose lr_mult Caffe forces to 0. */
  learnable: boolean;
  /** The name Caffe gives the blob inside an unrolled recurrent net ('W_xc', 'b_c', 'W_hc', …). */
  caffeName?: string;
  /** The FillerParameter field in the layer's parameter message that fills it, e.g. 'weight_filler'. */
  fillerField?: string;
  /** The parameter message holding that filler field, e.g. 'convolution_param'. */
  fillerMessage?: string;
  /**
   * The filler Caffe uses when that field is absent, when the layer substitutes its own default
   * (Scale: constant 1, PReLU: constant 0.25). Absent: FillerParameter's own default (constant 0).
   */
  defaultFiller?: { type: 'constant'; value: number };
}

export interface ShapeRuleInput {
  layer: LayerModel;
  /** One per bottom, in order; undefined when the bottom's shape is unknown. */
  bottoms: (Dims | undefined)[];
}

export interface ShapeRuleOutput {
  /** One per top; undefined when unknown. */
  tops: (Dims | undefined)[];
  params?: ParamBlob[];
  /** Findings that do not stop Caffe (a failed CHECK is thrown as a ShapeCheckError instead). */
  diagnostics?: Diagnostic[];
  /** Why the tops hold unknowns although the bottoms did not (e.g. "Data reads them from its database"). */
  unknownReason?: string;
}

/** One entry per layer type in the shape table. */
export type ShapeRule = (input: ShapeRuleInput) => ShapeRuleOutput;

export interface LayerShapes {
  layer: LayerModel;
  /** Fully known shapes only (undefined otherwise); see bottomDims. */
  bottoms: (Shape | undefined)[];
  tops: (Shape | undefined)[];
  bottomDims: (Dims | undefined)[];
  topDims: (Dims | undefined)[];
  params: ParamBlob[];
  /** Tops whose shape the user stated (comment directive or setting) rather than Caffe's rule. */
  statedTops: boolean[];
}

export interface ShapeResult {
  /** Per active layer, in net order. */
  layers: LayerShapes[];
  /** Blob name → shape after the last layer that writes it (undefined unless fully known). */
  blobs: Map<string, Shape | undefined>;
  /** Blob name → shape with unknown axes as null (undefined when even the rank is unknown). */
  blobDims: Map<string, Dims | undefined>;
  diagnostics: Diagnostic[];
}
