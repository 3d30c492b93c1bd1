/**
 * Who reads which version of a blob. Caffe's blobs are names that layers overwrite (in-place
 * layers write the name they read), so "the readers of layer i's top t" are the layers after i
 * that read t, up to and including the next layer that writes t. Built on the net's blob graph.
 */
import type { NetModel } from '../net/model';

export class BlobUses {
  constructor(readonly net: NetModel) {}

  /** Positions (in net.layers) of the layers that read the version of `blob` written by layer `writer`. */
  readersOf(writer: number, blob: string): number[] {
    const info = this.net.blobs.get(blob);
    if (!info) return [];
    let next = Infinity;
    for (const p of info.producers) {
      if (p.layer > writer) {
        next = p.layer;
        break;
      }
    }
    const out: number[] = [];
    for (const c of info.consumers) {
      if (c.layer > writer && c.layer <= next && out[out.length - 1] !== c.layer) out.push(c.layer);
    }
    return out;
  }

  /** Position of the last layer before `reader` that writes `blob` (the version `reader` sees). */
  writerBefore(reader: number, blob: string): number | undefined {
    let found: number | undefined;
    for (const p of this.net.blobs.get(blob)?.producers ?? []) {
      if (p.layer >= reader) break;
      found = p.layer;
    }
    return found;
  }
}
