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

/** Per parameter blob learning settings: `param { lr_mult decay_mult name }` or V1 blobs_lr/weight_decay. */
export interface ParamSpecInfo {
  name?: string;
  lrMult: number;
  decayMult: number;
}

export interface LayerModel {
  /** Position among the layers active in this phase (the order Caffe runs them). */
  index: number;
  name: string;
  /** The current registry type name ("Convolution"); V1 enum types are mapped (CONVOLUTION → Convolution). */
  type: string;
  format: 'v2' | 'v1' | 'v0' | 'input';
  /**
   * The layer read as a caffe.LayerParameter: V2 layers as written; V1 and V0 layers upgraded the
   * way Caffe's upgrade_proto.cpp does, with spans still pointing at the original text. Shape
   * rules read `view.message('convolution_param')` and the like from here.
   */
  view: MessageView;
  /** The whole layer block; absent for the Input layer Caffe makes from net-level inputs. */
  span?: Span;
  nameSpan?: Span;
  typeSpan?: Span;
  bottoms: BlobRef[];
  tops: BlobRef[];
  params: ParamSpecInfo[];
  lossWeights: number[];
}

export interface NetModel {
  name: string;
  state: NetState;
  format: 'v2' | 'v1' | 'v0' | 'mixed' | 'none';
  /** Layers active in `state`, in order (net-level inputs first, as one Input layer). */
  layers: LayerModel[];
  /** Layers written in the file but filtered out for this state (shown greyed, not analysed). */
  excluded: LayerModel[];
  /** Blob names nobody consumes after their last write: the net's outputs. */
  outputs: string[];
  /** True when the net trains: it has a loss layer or a data layer that reads a dataset. */
  trains: boolean;
  diagnostics: Diagnostic[];
}
