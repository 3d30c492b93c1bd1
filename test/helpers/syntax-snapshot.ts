/** A syntax tree written out whole, to compare two trees: each node's class, members and ranges. */
import type { SyntaxTree } from '../../server/src/core/syntax/ast';

/** The members a node's class computes on request (compact-nodes.ts): its prototype's getters. */
function derivedMembers(node: object): string[] {
  const prototype = Object.getPrototypeOf(node);
  if (prototype === Object.prototype) return []; // a plain object (a comment)
  const descriptors = Object.getOwnPropertyDescriptors(prototype);
  return Object.keys(descriptors).filter((key) => descriptors[key].get !== undefined);
}

export function syntaxSnapshot(tree: SyntaxTree): string {
  return JSON.stringify(tree, (_key, v) => {
    if (v instanceof Uint8Array) return Array.from(v);
    if (!v || typeof v !== 'object' || Array.isArray(v) || !('span' in v)) return v;
    const out: Record<string, unknown> = { class: v.constructor?.name, ...v };
    for (const key of derivedMembers(v)) out[key] = v[key];
    return out;
  });
}
