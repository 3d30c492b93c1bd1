/**
 * Every FillerParameter the file writes, wherever it is (layer parameters of any format, DummyData's
 * data_filler, nets inside solvers): the checks that need no shapes run on these, so they also
 * cover layers of other phases and layers the net stage cannot place.
 */
import type { BoundField, BoundMessage } from '../schema/bound';
import { MessageView } from '../schema/message-view';

export interface FillerSite {
  /** The `weight_filler { … }` field. */
  field: BoundField;
  filler: MessageView;
}

const FILLER = 'caffe.FillerParameter';

export function fillerSites(root: BoundMessage): FillerSite[] {
  const out: FillerSite[] = [];
  const walk = (m: BoundMessage): void => {
    for (const field of m.fields) {
      for (const v of field.values) {
        if (v.kind !== 'message') continue;
        if (v.message.descriptor.fullName === FILLER) out.push({ field, filler: MessageView.of(v.message) });
        else walk(v.message);
      }
    }
  };
  walk(root);
  return out;
}
