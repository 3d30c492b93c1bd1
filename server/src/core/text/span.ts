/** A half-open range [start, end) of UTF-16 offsets into one document's text. */
export interface Span {
  start: number;
  end: number;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

export function spanContains(s: Span, offset: number): boolean {
  return offset >= s.start && offset <= s.end;
}

export function spanCovering(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
