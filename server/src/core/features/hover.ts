/**
 * The hover at an offset, composed from the specific hovers: a layer's name or type, a blob name,
 * a filler, and the schema's field documentation. Inside a filler, the filler table comes first on
 * the filler's own name and the field's documentation first on one of its fields (std, type, …);
 * the range is the most specific one.
 */
import type { Analysis } from '../analysis';
import { blobHover } from './blob-hover';
import { fieldHover, type HoverResult } from './field-hover';
import { fillerHover } from './filler-hover';
import { layerHover } from './layer-hover';

export function hoverAt(a: Analysis, offset: number): HoverResult | undefined {
  const specific = layerHover(a, offset) ?? blobHover(a, offset);
  if (specific) return specific;
  const filler = fillerHover(a, offset);
  const field = fieldHover(a, offset);
  if (!filler) return field;
  if (!field) return filler;
  const onFillerName = field.span.start === filler.span.start;
  const [first, second] = onFillerName ? [filler, field] : [field, filler];
  return { markdown: `${first.markdown}\n\n---\n\n${second.markdown}`, span: field.span };
}
