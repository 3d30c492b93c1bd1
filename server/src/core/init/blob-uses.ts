/**
 * Who reads which version of a blob. Caffe's blobs are names that layers overwrite (in-place
 * layers write the name they read), so "the consumers of layer i's top t" are the layers after i
 * that read t up to and including the next layer that writes t.
 */
import type { NetModel } from '../net/model';

interface Use {
  layer: number;
  reads: boolean;
  writes: boolean;
}

export class BlobUses {
  private readonly uses = new Map<string, Use[]>();

  constructor(readonly net: NetModel) {
    net.layers.forEach((layer, i) => {
      const names = new Set<string>([...layer.bottoms.map((b) => b.name), ...layer.tops.map((t) => t.name)]);
      for (const name of names) {
        let list = this.uses.get(name);
        if (!list) this.uses.set(name, (list = []));
        list.push({ layer: i, reads: layer.bottoms.some((b) => b.name === name), writes: layer.tops.some((t) => t.name === name) });
      }
    });
  }

  /** Positions (in net.layers) of the layers that read the version of `blob` written by layer `writer`. */
  readersOf(writer: number, blob: string): number[] {
    const out: number[] = [];
    for (const u of this.uses.get(blob) ?? []) {
      if (u.layer <= writer) continue;
      if (u.reads) out.push(u.layer);
      if (u.writes) break;
    }
    return out;
  }

  /** Position of the last layer before `reader` that writes `blob` (the version `reader` sees). */
  writerBefore(reader: number, blob: string): number | undefined {
    let found: number | undefined;
    for (const u of this.uses.get(blob) ?? []) {
      if (u.layer >= reader) break;
      if (u.writes) found = u.layer;
    }
    return found;
  }
}
