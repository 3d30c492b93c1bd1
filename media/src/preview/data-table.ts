/**
 * The plotted values as a table, visually hidden: what a screen reader reads instead of the
 * canvas (and what the real-editor tests read). Built from the same plot model as the chart, one
 * row per layer, one column per line; each value cell carries the number and whether its line is
 * switched on.
 */
import type { SignalResult } from '../../../server/src/protocol';
import { el } from './dom';
import { formatFans, formatTopShapes, formatValue } from './format';
import type { PlotModel } from './plot-model';

export function fillDataTable(table: HTMLTableElement, result: SignalResult, model: PlotModel): void {
  const head = el('tr');
  for (const h of ['#', 'layer', 'type', 'top shape', 'fans']) head.append(el('th', undefined, h));
  for (const line of model.lines) {
    const th = el('th', undefined, line.label);
    th.dataset.scheme = line.scheme;
    th.dataset.direction = line.direction;
    head.append(th);
  }
  table.tHead!.replaceChildren(head);

  const rows = result.layers.map((layer, i) => {
    const row = el('tr');
    row.dataset.layer = String(i);
    row.append(
      el('td', undefined, String(i + 1)), el('td', 'name', layer.name), el('td', 'type', layer.type),
      el('td', 'shape', formatTopShapes(layer)), el('td', 'fans', formatFans(layer)),
    );
    for (const line of model.lines) {
      const v = line.values[i];
      const td = el('td', 'value', formatValue(v));
      td.dataset.scheme = line.scheme;
      td.dataset.direction = line.direction;
      td.dataset.value = v?.value === null || v?.value === undefined ? '' : String(v.value);
      td.dataset.plotted = String(!line.hidden);
      row.append(td);
    }
    return row;
  });
  table.tBodies[0].replaceChildren(...rows);
}
