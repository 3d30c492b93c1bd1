/**
 * How the preview writes numbers, shapes and fans (tooltip, data table). Plain functions, no DOM.
 */
import type { SignalLayer, SignalValue } from '../../../server/src/protocol';

/** A variance for people: 3 significant digits, exponent form far from 1, "0" when it vanished. */
export function formatNumber(v: number): string {
  if (v === 0) return '0';
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e4) return String(Number(v.toPrecision(3)));
  const [mantissa, exponent] = v.toExponential(2).split('e');
  return `${String(Number(mantissa))}e${Number(exponent)}`;
}

/** A plotted value: "unknown" where the server could not tell, "≈ " before approximations. */
export function formatValue(v: SignalValue | undefined): string {
  if (!v || v.value === null || !Number.isFinite(v.value)) return 'unknown';
  return `${v.approximate ? '≈ ' : ''}${formatNumber(v.value)}`;
}

/** A blob shape the way the hover writes it: `64 × 3 × 32 × 32`, unknown axes as `?`. */
export function formatShape(shape: (number | null)[] | null): string {
  if (!shape) return 'unknown';
  if (!shape.length) return 'scalar';
  return shape.map((d) => (d === null ? '?' : String(d))).join(' × ');
}

export function formatTopShapes(layer: SignalLayer): string {
  return layer.topShapes.length ? layer.topShapes.map(formatShape).join(', ') : 'no tops';
}

/** "fan_in 27 · fan_out 288", or '' for a layer without learnable weights. */
export function formatFans(layer: SignalLayer): string {
  const parts: string[] = [];
  if (layer.fanIn !== undefined) parts.push(`fan_in ${layer.fanIn}`);
  if (layer.fanOut !== undefined) parts.push(`fan_out ${layer.fanOut}`);
  return parts.join(' · ');
}
