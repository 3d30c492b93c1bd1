/**
 * Hover on a `bottom` or `top` value: the blob's shape at that point of the net and the layer that
 * produces that version of it (in-place layers overwrite a name; a bottom reads the last write
 * before its layer).
 */
import type { Analysis } from '../analysis';
import { BlobUses } from '../init/blob-uses';
import type { Dims } from '../shapes/types';
import { shapeText } from '../text/significant';
import { spanContains } from '../text/span';
import type { HoverResult } from './field-hover';

function dimsText(d: Dims | undefined): string {
  return d ? shapeText(d) : 'unknown';
}

export function blobHover(a: Analysis, offset: number): HoverResult | undefined {
  const net = a.net;
  if (!net) return undefined;
  const uses = a.init?.uses ?? new BlobUses(net);
  const shapesOf = (position: number) => a.shapes?.layers.find((l) => l.layer === net.layers[position]);
  for (let position = 0; position < net.layers.length; position++) {
    const layer = net.layers[position];
    const bottom = layer.bottoms.findIndex((b) => b.span && spanContains(b.span, offset));
    if (bottom >= 0) {
      const ref = layer.bottoms[bottom];
      const writer = uses.writerBefore(position, ref.name);
      const lines = [`Blob **${ref.name}**: ${dimsText(shapesOf(position)?.bottomDims[bottom])}`, ''];
      if (writer === undefined) lines.push('No earlier layer produces it.');
      else {
        const w = net.layers[writer];
        const first = net.blobs.get(ref.name)?.producers[0]?.layer;
        lines.push(`Produced by **${w.name}** (${w.type})${first !== undefined && first !== writer ? `, in place over the output of ${net.layers[first].name}` : ''}.`);
      }
      return { markdown: lines.join('\n'), span: ref.span! };
    }
    const top = layer.tops.findIndex((t) => t.span && spanContains(t.span, offset));
    if (top >= 0) {
      const ref = layer.tops[top];
      const inPlace = layer.bottoms[top]?.name === ref.name;
      const lines = [`Blob **${ref.name}**: ${dimsText(shapesOf(position)?.topDims[top])}`, ''];
      const readers = uses.readersOf(position, ref.name).map((r) => net.layers[r].name);
      lines.push(
        `Produced by **${layer.name}** (${layer.type})${inPlace ? ', in place' : ''}.  \n` +
          (readers.length ? `Read by ${readers.join(', ')}.` : 'Nothing reads it: an output of the net.'),
      );
      return { markdown: lines.join('\n'), span: ref.span! };
    }
  }
  return undefined;
}
