/**
 * Which caffe.proto message a document is: a `# proto-message:` header (the text-format
 * convention) wins; otherwise the top-level field names decide between a net and a solver.
 */
import type { Diagnostic } from '../diagnostics';
import type { SyntaxTree } from '../syntax/ast';
import type { MessageDescriptor } from './descriptors';
import type { Schema } from './registry';

export interface RootChoice {
  descriptor: MessageDescriptor;
  reason: 'header' | 'content';
  diagnostics: Diagnostic[];
}

const HEADER = /^\s*proto-message\s*:\s*([A-Za-z_][\w.]*)\s*$/;

export function chooseRootMessage(tree: SyntaxTree, schema: Schema): RootChoice {
  const net = schema.requireMessage('caffe.NetParameter');
  const solver = schema.requireMessage('caffe.SolverParameter');
  const firstField = tree.fields[0]?.span.start ?? Infinity;
  for (const comment of tree.comments) {
    if (comment.span.start > firstField) break;
    const match = HEADER.exec(comment.text);
    if (!match) continue;
    const name = match[1].startsWith('caffe.') ? match[1] : `caffe.${match[1]}`;
    const declared = schema.message(name);
    if (declared) return { descriptor: declared, reason: 'header', diagnostics: [] };
    const fallback = guessFromContent(tree, net, solver, schema);
    return {
      descriptor: fallback,
      reason: 'content',
      diagnostics: [
        {
          span: comment.span,
          severity: 'warning',
          code: 'unknown-proto-message',
          message: `caffe.proto defines no message "${match[1]}"; checking this file as ${fallback.fullName} instead.`,
        },
      ],
    };
  }
  return { descriptor: guessFromContent(tree, net, solver, schema), reason: 'content', diagnostics: [] };
}

/** The message whose own fields (those the other lacks) the top level uses more; a net on a tie. */
function guessFromContent(tree: SyntaxTree, net: MessageDescriptor, solver: MessageDescriptor, schema: Schema): MessageDescriptor {
  let netScore = 0;
  let solverScore = 0;
  for (const f of tree.fields) {
    const inNet = schema.field(net, f.name.text) !== undefined;
    const inSolver = schema.field(solver, f.name.text) !== undefined;
    if (inNet && !inSolver) netScore++;
    if (inSolver && !inNet) solverScore++;
  }
  return solverScore > netScore ? solver : net;
}
