/** One layer as the file gives it, before state filtering, read as a caffe.LayerParameter. */
import type { BoundMessage } from '../schema/bound';
import type { Span } from '../text/span';
import type { LayerModel } from './model';

export interface LayerSource {
  format: LayerModel['format'];
  /** The layer as a caffe.LayerParameter: as written (V2), or as Caffe's upgrade makes it. */
  bound: BoundMessage;
  /** The whole `layer { … }` / `layers { … }` field; absent for the Input layer made from net inputs. */
  span?: Span;
  /** The keyword that opens the layer (V0: the inner `layer`), where a missing name or type is reported. */
  keywordSpan?: Span;
  /** V0 only: the `type` string is not one UpgradeV0LayerType knows. */
  unknownV0Type?: boolean;
}
