/**
 * Hover on a layer's name or type value: its top shapes, and its parameter blobs with their shapes,
 * counts and fillers (as Caffe reads them), and the number of learnable parameters.
 */
import type { Analysis } from '../analysis';
import { describeFiller } from '../lint/describe-filler';
import type { LayerModel } from '../net/model';
import type { Dims } from '../shapes/types';
import { shapeText } from '../text/significant';
import { spanContains } from '../text/span';
import type { HoverResult } from './field-hover';

function dimsText(d: Dims | undefined): string {
  return d ? shapeText(d) : 'unknown';
}

export function layerHover(a: Analysis, offset: number): HoverResult | undefined {
  const net = a.net;
  if (!net) return undefined;
  const on = (l: LayerModel) => [l.nameSpan, l.typeSpan].find((s) => s && spanContains(s, offset));
  const layer = net.layers.find(on);
  if (!layer) {
    const excluded = net.excluded.find(on);
    if (!excluded) return undefined;
    return {
      markdown: `**${excluded.name}** (${excluded.type})\n\nNot in the ${net.state.phase} net: its include/exclude rules leave it out.`,
      span: on(excluded)!,
    };
  }
  const shapes = a.shapes?.layers.find((l) => l.layer === layer);
  const lines = [`**${layer.name}** (${layer.type})`, ''];
  const tops = layer.tops.map((t, i) => `\`${t.name}\` ${dimsText(shapes?.topDims[i])}`);
  if (tops.length) lines.push(`Top${tops.length > 1 ? 's' : ''}: ${tops.join(', ')}`);
  const init = a.init?.layers.find((l) => l.layer === layer);
  const params = shapes?.params ?? [];
  if (params.length > 0) {
    lines.push('', '| blob | shape | count | filler |', '|---|---|---:|---|');
    let learnable = 0;
    let unknown = false;
    params.forEach((p, i) => {
      const count = p.shape ? p.shape.reduce((x, y) => x * y, 1) : undefined;
      if (p.learnable) {
        if (count === undefined) unknown = true;
        else learnable += count;
      }
      const spec = init?.params[i]?.filler;
      const filler = spec ? `${describeFiller(spec)}${spec.written ? '' : ' (default)'}` : p.learnable ? '—' : 'zeros (statistics, not learned)';
      lines.push(`| ${p.caffeName ?? p.role} | ${shapeText(p.dims)} | ${count ?? '?'} | ${filler} |`);
    });
    lines.push('', `Learnable parameters: ${unknown ? 'unknown (a shape is unknown)' : learnable}`);
  }
  return { markdown: lines.join('\n'), span: on(layer)! };
}
