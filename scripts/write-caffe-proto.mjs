// Writes a caffe.proto equivalent to the schema facts (same messages, fields, numbers, labels,
// types, defaults and enums), so protoc and python3-protobuf can serve as reference parsers in
// tests. Usage: node scripts/write-caffe-proto.mjs OUT.proto
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2];
if (!out) {
  console.error('usage: write-caffe-proto.mjs OUT.proto');
  process.exit(2);
}
// Read the committed generated module's data (a TS file whose object literal is valid JS).
const src = readFileSync(resolve(root, 'server/src/core/schema/caffe-proto.generated.ts'), 'utf8');
const literal = src.slice(src.indexOf('= {') + 2).replace(/;\s*$/, '');
const facts = Function(`return (${literal});`)();

const lines = ['syntax = "proto2";', 'package caffe;', ''];
const enumsByParent = new Map();
for (const e of facts.enums) {
  const parent = e.fullName.split('.').slice(0, -1).join('.');
  if (!enumsByParent.has(parent)) enumsByParent.set(parent, []);
  enumsByParent.get(parent).push(e);
}
const writeEnum = (e, indent) => {
  lines.push(`${indent}enum ${e.fullName.split('.').pop()} {`);
  for (const v of e.values) lines.push(`${indent}  ${v.name} = ${v.number};`);
  lines.push(`${indent}}`);
};
for (const e of enumsByParent.get('caffe') ?? []) writeEnum(e, '');
const scalarDefault = (f) => {
  if (f.default === undefined) return '';
  if (f.type === 'string' || f.type === 'bytes') return ` [default = ${JSON.stringify(f.default)}]`;
  if (f.default === 'inf' || f.default === '-inf' || f.default === 'nan') return ` [default = ${f.default}]`;
  return ` [default = ${f.default}]`;
};
for (const m of facts.messages) {
  lines.push(`message ${m.fullName.split('.').pop()} {`);
  for (const e of enumsByParent.get(m.fullName) ?? []) writeEnum(e, '  ');
  for (const f of m.fields) {
    const type = f.type === 'message' || f.type === 'enum' ? `.${f.typeName}` : f.type;
    const opts = [];
    const d = scalarDefault(f);
    if (d) opts.push(d.slice(2, -1));
    if (f.packed) opts.push('packed = true');
    lines.push(`  ${f.label} ${type} ${f.name} = ${f.number}${opts.length ? ` [${opts.join(', ')}]` : ''};`);
  }
  lines.push('}');
}
writeFileSync(out, lines.join('\n') + '\n');
