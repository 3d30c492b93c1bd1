/**
 * The preview's data as CSV (RFC 4180), one row per layer, scheme and direction ("long" form, which
 * spreadsheets pivot and pandas reads as it is). Plain TypeScript, no VS Code import.
 */
import type { SignalLayer, SignalResult, SignalValue } from '../../../server/src/protocol';

const HEADER = ['index', 'layer', 'type', 'top_shapes', 'fan_in', 'fan_out', 'scheme', 'direction', 'variance', 'approximate'];

/** A top shape as Caffe prints it (`64 3 32 32`); unknown axes as `?`, unknown shapes as `?`. */
export function shapeText(shape: (number | null)[] | null): string {
  return shape ? shape.map((d) => (d === null ? '?' : String(d))).join(' ') : '?';
}

function topShapes(layer: SignalLayer): string {
  return layer.topShapes.map(shapeText).join('; ');
}

/**
 * A cell: quoted when it holds a separator, quote or line break; a text that a spreadsheet would
 * run as a formula (starts with = + - @ or a control character) gets a leading apostrophe.
 */
export function csvCell(value: string | number | boolean | null | undefined, text = false): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function valueCells(v: SignalValue | undefined): string[] {
  if (!v || v.value === null || !Number.isFinite(v.value)) return ['', v ? String(v.approximate) : ''];
  return [String(v.value), String(v.approximate)];
}

export function signalCsv(result: SignalResult): string {
  const rows = [HEADER.join(',')];
  result.layers.forEach((layer, i) => {
    const head = [
      String(i), csvCell(layer.name, true), csvCell(layer.type, true), csvCell(topShapes(layer), true),
      csvCell(layer.fanIn), csvCell(layer.fanOut),
    ];
    for (const s of result.series) {
      for (const [direction, values] of [['forward', s.forward], ['backward', s.backward]] as const) {
        rows.push([...head, csvCell(s.scheme, true), direction, ...valueCells(values[i])].join(','));
      }
    }
  });
  return rows.join('\r\n') + '\r\n';
}
