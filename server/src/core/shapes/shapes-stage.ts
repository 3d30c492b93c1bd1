/**
 * The shapes stage as the pipeline runs it: the file's `# prototxt-lens: shape` comments win over
 * the prototxtLens.inputShapes setting for the blobs they name, then inferShapes walks the net.
 */
import type { Diagnostic } from '../diagnostics';
import type { NetModel } from '../net/model';
import type { CommentNode } from '../syntax/ast';
import { inferShapes } from './infer-shapes';
import { readShapeDirectives } from './shape-directives';
import type { ShapeResult } from './types';

export function shapesStage(
  net: NetModel,
  comments: readonly CommentNode[],
  inputShapes: Record<string, number[]>,
  earlierErrors: readonly Diagnostic[] = [],
): ShapeResult {
  const directives = readShapeDirectives(comments);
  const result = inferShapes(net, { ...inputShapes, ...directives.shapes }, { statedAt: directives.spans, earlierErrors });
  if (directives.diagnostics.length > 0) {
    result.diagnostics = [...directives.diagnostics, ...result.diagnostics].sort((a, b) => a.span.start - b.span.start);
  }
  return result;
}
