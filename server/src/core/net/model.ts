/**
 * The net as Caffe builds it for one phase: the layers that survive NetStateRule filtering, in
 * file order, with legacy formats (V1 `layers`, V0 nested `layer`) read as current layers, and the
 * blob graph that their bottoms and tops form. Plain data; produced by buildNet() in this folder.
 */
import type { Diagnostic } from '../diagnostics';
import type { MessageView } from '../schema/message-view';
import type { Span } from '../text/span';

export type Phase = 'TRAIN' | 'TEST';

export interface NetState {
  phase: Phase;
  level: number;
  stages: string[];
}

export interface BlobRef {
  name: string;
  /** Where the name is written (absent for synthetic layers). */
  span?: Span;
}

/** One end of a blob: the layer (index into NetModel.layers) and its bottom or top position. */
export interface BlobEndpoint {
  layer: number;
  slot: number;
}

/** A blob name of the active net and who uses it. */
export interface BlobInfo {
  name: string;
  /** The layers that write it, in order: the first creates it, later ones compute in place. */
  producers: BlobEndpoint[];
  /** The layers that read it, in order. */
  consumers: BlobEndpoint[];
}

/** Per parameter blob learning settings: `param { lr_mult decay_mult name }` or V1 blobs_lr/weight_decay. */
export interface ParamSpecInfo {
  name?: string;
  lrMult: number;
  decayMult: number;
  /** The `param { }` block, or the V1/V0 blobs_lr value it was made from. */
  span?: Span;
}

export interface LayerModel {
  /** Position among the layers active in this phase (the order Caffe runs them); -1 for excluded layers. */
  index: number;
  name: string;
  /** The current registry type name ("Convolution"); V1 enum types are mapped (CONVOLUTION → Convolution). */
  type: string;
  format: 'v2' | 'v1' | 'v0' | 'input';
  /**
   * The layer read as a caffe.LayerParameter: V2 layers as written; V1 and V0 layers upgraded the
   * way Caffe's upgrade_proto.cpp does, with spans still pointing at the original text. Shape
   * rules read `view.message('convolution_param')` and the like from here. Messages the upgrade
   * makes have no `bound.node`, and fields it makes are `isSynthetic` (schema/synthesize.ts): quick
   * fixes must not edit those.
   */
  view: MessageView;
  /** The whole layer block; absent for the Input layer Caffe makes from net-level inputs. */
  span?: Span;
  /** The name's value as written (the quoted string); absent when the file gives no name. */
  nameSpan?: Span;
  /** The type's value as written (V1: the enum name, V0: the old type string). */
  typeSpan?: Span;
  bottoms: BlobRef[];
  tops: BlobRef[];
  /**
   * The ParamSpecs the file gives, in blob order (V1/V0 blobs_lr/weight_decay upgraded; a BatchNorm
   * with three of them gets lr_mult and decay_mult 0, as UpgradeNetBatchNorm does). Blobs past the
   * end of this list use ParamSpec's defaults (lr_mult 1, decay_mult 1).
   */
  params: ParamSpecInfo[];
  /**
   * The loss weight of each top as Caffe uses it: loss_weight as written, else 1 for the first top
   * of a loss layer and 0 otherwise. A loss layer written without tops gets the one top Caffe adds
   * (AutoTopBlobs), so this list can be longer than `tops`.
   */
  lossWeights: number[];
  /** Some top is the bottom at the same position (Caffe's in-place computation); set by the blob graph. */
  inPlace?: boolean;
}

export interface NetModel {
  name: string;
  state: NetState;
  format: 'v2' | 'v1' | 'v0' | 'mixed' | 'none';
  /** Layers active in `state`, in order (net-level inputs first, as one Input layer). */
  layers: LayerModel[];
  /** Layers written in the file but filtered out for this state (shown greyed, not analysed). */
  excluded: LayerModel[];
  /** Blob names nobody consumes after their last write: the net's outputs, in the order of those writes. */
  outputs: string[];
  /** Every blob of the active layers by name (a name written by several layers in place is one entry). */
  blobs: Map<string, BlobInfo>;
  /** True when the net trains: it has a loss layer or a data layer that reads a dataset. */
  trains: boolean;
  diagnostics: Diagnostic[];
}
