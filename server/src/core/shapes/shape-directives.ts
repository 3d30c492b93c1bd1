/**
 * Shapes stated in the file itself, for blobs the file cannot tell (a Python layer's output, an
 * HDF5 source, a Data layer's channels):
 *
 *     # prototxt-lens: shape data=64,3,227,227 label=64
 *
 * One comment may state several blobs; later comments win. A stated shape replaces what the
 * blob's producing layer would give (see inferShapes), like the prototxtLens.inputShapes setting,
 * which it overrides for that file.
 */
import type { Diagnostic } from '../diagnostics';
import type { CommentNode } from '../syntax/ast';
import type { Span } from '../text/span';

export interface ShapeDirectives {
  shapes: Record<string, number[]>;
  /** Where each blob's shape is stated (its `name=dims` word). */
  spans: Map<string, Span>;
  diagnostics: Diagnostic[];
}

const PREFIX = /^\s*prototxt-lens\s*:\s*shape\b/;
const ENTRY = /^([^=\s]+)=(\d+(?:,\d+)*)$/;

export function readShapeDirectives(comments: readonly CommentNode[]): ShapeDirectives {
  const out: ShapeDirectives = { shapes: {}, spans: new Map(), diagnostics: [] };
  for (const c of comments) {
    const head = PREFIX.exec(c.text);
    if (!head) continue;
    const textStart = c.span.end - c.text.length;
    const words = /\S+/g;
    words.lastIndex = head[0].length;
    let found = 0;
    for (let m = words.exec(c.text); m; m = words.exec(c.text)) {
      const span = { start: textStart + m.index, end: textStart + m.index + m[0].length };
      const entry = ENTRY.exec(m[0]);
      if (!entry) {
        out.diagnostics.push({
          span,
          severity: 'warning',
          code: 'bad-shape-directive',
          message: `'${m[0]}' is not a shape statement: write blob=N,C,H,W with whole numbers, e.g. '# prototxt-lens: shape data=64,3,227,227'.`,
        });
        continue;
      }
      out.shapes[entry[1]] = entry[2].split(',').map(Number);
      out.spans.set(entry[1], span);
      found++;
    }
    if (found === 0 && out.diagnostics.every((d) => d.span.start < c.span.start)) {
      out.diagnostics.push({ span: c.span, severity: 'warning', code: 'bad-shape-directive', message: "A shape comment names no blob: write e.g. '# prototxt-lens: shape data=64,3,227,227'." });
    }
  }
  return out;
}
