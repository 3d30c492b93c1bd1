// Differential check of the syntax stage against protoc (C++ TextFormat, what Caffe calls).
//   node scripts/syntax-differential.mjs [--mutations N] [--seed S]
// Needs the compiled project (npx tsc -p .) and protoc; without protoc it says so and exits 0.
// 1. Re-runs protoc on every recorded verdict of test/unit/syntax/protoc-verdicts.ts.
// 2. Mutates each corpus file (deletes, inserts and duplicates characters and tokens) and compares
//    verdicts: where protoc accepts, the syntax stage must report nothing; where protoc's first
//    error is a syntax error, it must report something. When protoc stops first at a schema error
//    (unknown field, wrong type, missing colon) the case says nothing about syntax and is skipped.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const PROTOC = ['/usr/bin/protoc', '/usr/local/bin/protoc'].find(existsSync);
if (!PROTOC) {
  console.log('protoc is not installed: nothing to compare against (apt-get install protobuf-compiler).');
  process.exit(0);
}
const compiled = join(root, 'out/server/src/core/syntax/parse.js');
if (!existsSync(compiled)) {
  console.error('compile first: npx tsc -p .');
  process.exit(2);
}
const { parse } = require(compiled);
const { PROTOC_CASES, REFERENCE_PROTO } = require(join(root, 'out/test/unit/syntax/protoc-verdicts.js'));

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const mutationsPerFile = option('--mutations', 12);
let seed = option('--seed', 7) >>> 0;

/** mulberry32: a seeded generator, so a finding can be replayed. */
function random() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (items) => items[Math.floor(random() * items.length)];

function protoc(dir, proto, message, text) {
  const r = spawnSync(PROTOC, [`--proto_path=${dir}`, `--encode=${message}`, join(dir, proto)], {
    input: Buffer.from(text, 'utf8'),
    maxBuffer: 64 << 20,
  });
  const stderr = r.stderr.toString();
  const first = stderr.split('\n').find((line) => /^input:\d+:\d+: /.test(line)) ?? '';
  return { accepted: r.status === 0, first: first.replace(/^input:\d+:\d+: /, '') };
}

// protoc's tokenizer errors, and grammar errors no schema can cause.
const SYNTAX_MESSAGES = [
  /^Need space between number and identifier/,
  /must be followed by (hex digits|exponent)/,
  /^Numbers starting with leading zero/,
  /^Already saw decimal point/,
  /^Hex and octal numbers must be integers/,
  /^Invalid control characters/,
  /^Interpreting non ascii codepoint/,
  /^Invalid escape sequence/,
  /^Expected (hex digits|four hex digits|eight hex digits)/,
  /^Unexpected end of string/,
  /^String literals cannot cross line boundaries/,
  /^Expected identifier, got: /,
  /^Expected "[}>\],]", found /,
  // a value expected, and a closer, separator or the end of the file found instead
  /^Expected [a-z ]+, got: ([}>\];,:{<[/.]|)$/,
];
const isSyntaxMessage = (message) => SYNTAX_MESSAGES.some((pattern) => pattern.test(message));

// ---- 1. the recorded table ---------------------------------------------------------------
const tableDir = mkdtempSync(join(tmpdir(), 'syntax-differential-'));
writeFileSync(join(tableDir, 'm.proto'), REFERENCE_PROTO);
let tableMismatches = 0;
for (const [input, verdict] of PROTOC_CASES) {
  const { accepted, first } = protoc(tableDir, 'm.proto', 'M', input);
  if (accepted !== (verdict === 'accepts')) {
    tableMismatches++;
    console.log(`table: ${JSON.stringify(input)} recorded ${verdict}, protoc now ${accepted ? 'accepts' : `rejects (${first})`}`);
  }
}
console.log(`recorded verdicts: ${PROTOC_CASES.length} rows, ${tableMismatches} differ from protoc`);

// ---- 2. mutated corpus files -------------------------------------------------------------
const corpus = resolve(root, '../shared/corpus');
const manifest = new Map(
  readFileSync(join(corpus, 'MANIFEST.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .map((cells) => [cells[0], cells[5]]),
);
const files = [];
(function walk(rel) {
  for (const name of readdirSync(join(corpus, rel))) {
    const r = rel ? `${rel}/${name}` : name;
    if (statSync(join(corpus, r)).isDirectory()) walk(r);
    else if (name.endsWith('.prototxt')) files.push(r);
  }
})('');
files.sort();

const caffeDir = mkdtempSync(join(tmpdir(), 'syntax-differential-caffe-'));
const written = spawnSync(process.execPath, [join(root, 'scripts/write-caffe-proto.mjs'), join(caffeDir, 'caffe.proto')]);
if (written.status !== 0) {
  console.error(`could not write caffe.proto: ${written.stderr}`);
  process.exit(2);
}

const SNIPPETS = ['{', '}', '<', '>', '[', ']', ':', ';', ',', '"', "'", '\\', '-', '#', '.', '0x', '08', '1e', 'e', 'x', '\n', ' ', '\t', '@', '\u0001', 'é'];

function mutate(text) {
  let out = text;
  for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
    const at = Math.floor(random() * out.length);
    const kind = pick(['delete-char', 'insert', 'duplicate', 'delete-token']);
    if (kind === 'delete-char') out = out.slice(0, at) + out.slice(at + 1);
    else if (kind === 'insert') out = out.slice(0, at) + pick(SNIPPETS) + out.slice(at);
    else if (kind === 'duplicate') out = out.slice(0, at) + out.slice(at, at + 1 + Math.floor(random() * 12)) + out.slice(at);
    else {
      const match = /\S+/.exec(out.slice(at));
      if (match) out = out.slice(0, at + match.index) + out.slice(at + match.index + match[0].length);
    }
  }
  return out;
}

const tally = { compared: 0, skipped: 0, falseErrors: 0, missedErrors: 0 };
const findings = [];
for (const rel of files) {
  const kind = manifest.get(rel);
  const message = kind === 'solver' ? 'caffe.SolverParameter' : 'caffe.NetParameter';
  const original = readFileSync(join(corpus, rel), 'utf8');
  if (!protoc(caffeDir, 'caffe.proto', message, original).accepted) continue; // not a Caffe message protoc knows
  for (let n = 0; n < mutationsPerFile; n++) {
    const text = mutate(original);
    const reference = protoc(caffeDir, 'caffe.proto', message, text);
    const errors = parse(text).errors;
    if (reference.accepted) {
      tally.compared++;
      if (errors.length > 0) {
        tally.falseErrors++;
        findings.push({ rel, text, protoc: 'accepts', ours: errors[0] });
      }
    } else if (isSyntaxMessage(reference.first)) {
      tally.compared++;
      if (errors.length === 0) {
        tally.missedErrors++;
        findings.push({ rel, text, protoc: reference.first, ours: undefined });
      }
    } else {
      tally.skipped++;
    }
  }
}

for (const f of findings.slice(0, 20)) {
  console.log(`\n${f.rel}: protoc ${f.protoc}; syntax stage: ${f.ours ? `${f.ours.code} "${f.ours.message}"` : 'no error'}`);
  const where = f.ours ? f.ours.span.start : 0;
  console.log('  near: ' + JSON.stringify(f.text.slice(Math.max(0, where - 60), where + 60)));
}
console.log(
  `\nmutated files: ${tally.compared} compared, ${tally.skipped} skipped (protoc stopped at a schema error first); ` +
    `${tally.falseErrors} reported where protoc accepts, ${tally.missedErrors} silent where protoc finds a syntax error`,
);
process.exit(tableMismatches + tally.falseErrors + tally.missedErrors > 0 ? 1 : 0);
