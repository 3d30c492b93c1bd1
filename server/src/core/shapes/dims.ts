/** Arithmetic on shapes whose axes may be unknown (null): an unknown operand makes an unknown result. */
import type { Dim, Dims, Shape } from './types';

export function isKnown(dims: Dims | undefined): dims is Shape {
  return dims !== undefined && dims.every((d) => d !== null);
}

export function known(dims: Dims | undefined): Shape | undefined {
  return isKnown(dims) ? dims : undefined;
}

export function mul(...ds: Dim[]): Dim {
  let p = 1;
  for (const d of ds) {
    if (d === null) return null;
    p *= d;
  }
  return p;
}

export function add(...ds: Dim[]): Dim {
  let s = 0;
  for (const d of ds) {
    if (d === null) return null;
    s += d;
  }
  return s;
}

/** Blob::count(start, end): the product of axes [start, end). */
export function count(dims: Dims, start = 0, end = dims.length): Dim {
  return mul(...dims.slice(start, end));
}

/** C++ int division (truncates toward zero), as Caffe's shape formulas use it. */
export function cdiv(a: number, b: number): number {
  return Math.trunc(a / b);
}

/** "(64, ?, 227, 227)" — how shapes are shown to users; a scalar is "()". */
export function formatDims(dims: Dims | undefined): string {
  if (!dims) return 'unknown';
  return `(${dims.map((d) => (d === null ? '?' : String(d))).join(', ')})`;
}

/** Blob::shape_string: "64 3 227 227 (30915072)", the form Caffe's CHECK messages print. */
export function shapeString(dims: Dims): string {
  const c = count(dims);
  return `${dims.map((d) => (d === null ? '?' : String(d))).join(' ')}${dims.length ? ' ' : ''}(${c === null ? '?' : c})`;
}

export function sameDims(a: Dims, b: Dims): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Whether two shapes could be equal: same rank and no axis where both are known and differ. */
export function compatible(a: Dims, b: Dims): boolean {
  return a.length === b.length && a.every((d, i) => d === null || b[i] === null || d === b[i]);
}

/** Two shapes known to be equal: each axis known in either is known in the result. */
export function merge(a: Dims, b: Dims): Dims {
  return a.map((d, i) => d ?? b[i] ?? null);
}
