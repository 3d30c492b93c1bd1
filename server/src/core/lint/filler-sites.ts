/**
 * Every FillerParameter the file writes, wherever it is (layer parameters of any format, DummyData's
 * data_filler, nets inside solvers): the checks that need no shapes run on these, so they also
 * cover layers of other phases and layers the net stage cannot place.
 */
import type { BoundField, BoundMessage } from '../schema/bound';
import type { MessageDescriptor } from '../schema/descriptors';
import { MessageView } from '../schema/message-view';
import { caffeSchema, type Schema } from '../schema/registry';

export interface FillerSite {
  /** The `weight_filler { … }` field. */
  field: BoundField;
  filler: MessageView;
}

const FILLER = 'caffe.FillerParameter';

/** The message types whose fields can lead to a FillerParameter: the walk skips the others (ParamSpec, NetStateRule, ...). */
function typesReachingFiller(schema: Schema): ReadonlySet<string> {
  const reaching = new Set<string>([FILLER]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const m of schema.allMessages()) {
      if (reaching.has(m.fullName)) continue;
      if (m.fields.some((f) => f.type === 'message' && f.typeName !== undefined && reaching.has(f.typeName))) {
        reaching.add(m.fullName);
        grew = true;
      }
    }
  }
  return reaching;
}

let reachingFiller: ReadonlySet<string> | undefined;

function canHoldFiller(descriptor: MessageDescriptor): boolean {
  reachingFiller ??= typesReachingFiller(caffeSchema);
  return reachingFiller.has(descriptor.fullName);
}

/** Several rules read the sites of one file: one walk of a big file's tree serves them all. */
const sitesOf = new WeakMap<BoundMessage, FillerSite[]>();

export function fillerSites(root: BoundMessage): FillerSite[] {
  let out = sitesOf.get(root);
  if (out) return out;
  out = [];
  const found = out;
  const walk = (m: BoundMessage): void => {
    for (const field of m.fields) {
      for (const v of field.values) {
        if (v.kind !== 'message') continue;
        if (v.message.descriptor.fullName === FILLER) found.push({ field, filler: MessageView.of(v.message) });
        else if (canHoldFiller(v.message.descriptor)) walk(v.message);
      }
    }
  };
  walk(root);
  sitesOf.set(root, out);
  return out;
}
