/** A syntax tree written out whole, to compare two trees: each node's class, members and ranges. */
import type { SyntaxTree } from '../../server/src/core/syntax/ast';

/** Ranges the nodes make on request (compact-nodes.ts), written out next to their own members. */
const DERIVED = ['span', 'colon', 'separator', 'tokenSpan', 'parts', 'negative'] as const;

export function syntaxSnapshot(tree: SyntaxTree): string {
  return JSON.stringify(tree, (_key, v) => {
    if (v instanceof Uint8Array) return Array.from(v);
    if (!v || typeof v !== 'object' || Array.isArray(v) || !('span' in v)) return v;
    const out: Record<string, unknown> = { class: v.constructor?.name, ...v };
    for (const key of DERIVED) if (key in v) out[key] = v[key];
    return out;
  });
}
