/**
 * Numbers as users read them in messages and hovers: 4 significant digits, trailing zeros dropped,
 * exponent form only for very small or large magnitudes (0.01361, 266.7, 1.5e-7, 9408).
 */
export function sig4(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  if (Number.isInteger(x) && Math.abs(x) < 1e7) return String(x);
  const abs = Math.abs(x);
  if (abs >= 1e-4 && abs < 1e7) return String(Number(x.toPrecision(4)));
  const [mantissa, exponent] = x.toExponential(3).split('e');
  return `${String(Number(mantissa))}e${Number(exponent)}`;
}

/** A shape as Caffe logs it, axes joined by ×: 64×3×7×7 (a 0-axis blob is a scalar). */
export function shapeText(shape: readonly (number | null)[]): string {
  return shape.length === 0 ? 'scalar' : shape.map((d) => (d === null ? '?' : String(d))).join('×');
}
