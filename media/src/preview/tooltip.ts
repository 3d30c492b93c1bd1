/**
 * The tooltip of one layer: its name and type, top shape(s), fans, and the forward and backward
 * value of every scheme (≈ before approximations, "unknown" where the server could not tell).
 * An HTML element over the canvas, so it uses the theme's widget colours and can be read by screen
 * readers and tests alike.
 */
import type { SignalLayer, SignalResult } from '../../../server/src/protocol';
import { el, swatch } from './dom';
import { formatFans, formatTopShapes, formatValue } from './format';

export function fillTooltip(box: HTMLElement, result: SignalResult, index: number, colourOf: (scheme: string, i: number) => string): void {
  const layer: SignalLayer | undefined = result.layers[index];
  box.replaceChildren();
  if (!layer) return;
  box.dataset.layer = String(index);
  const title = el('div', 'tt-title');
  title.append(el('strong', 'tt-name', layer.name), el('span', 'tt-type', layer.type));
  box.append(title, el('div', 'tt-line tt-shape', `top: ${formatTopShapes(layer)}`));
  const fans = formatFans(layer);
  if (fans) box.append(el('div', 'tt-line tt-fans', fans));

  const table = el('table', 'tt-values');
  const head = el('tr');
  head.append(el('th', undefined, 'scheme'), el('th', undefined, 'forward'), el('th', undefined, 'backward'));
  table.append(el('thead'), el('tbody'));
  table.tHead!.append(head);
  result.series.forEach((s, i) => {
    const row = el('tr');
    row.dataset.scheme = s.scheme;
    const name = el('th', 'tt-scheme');
    name.scope = 'row';
    name.append(swatch(colourOf(s.scheme, i)), document.createTextNode(s.label));
    row.append(name, el('td', 'tt-forward', formatValue(s.forward[index])), el('td', 'tt-backward', formatValue(s.backward[index])));
    table.tBodies[0].append(row);
  });
  box.append(table);
}
