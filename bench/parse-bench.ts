/**
 * Issue 2's figures: parse + validate speed on the corpus, and re-validation of ResNet-152 after a
 * one-character edit. "Validate" is the schema stage (root message choice and binding to
 * caffe.proto, with its diagnostics); what the server does on a new version is the whole
 * analyze(), printed beside it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, type Analysis } from '../server/src/core/analysis';
import { caffeSchema } from '../server/src/core/schema/registry';
import { chooseRootMessage } from '../server/src/core/schema/root-message';
import { bindToSchema } from '../server/src/core/schema/validate';
import type { SyntaxTree } from '../server/src/core/syntax/ast';
import { parse } from '../server/src/core/syntax/parse';
import { reparse } from '../server/src/core/syntax/reparse';
import { corpusDir, corpusFiles } from '../test/helpers/paths';
import { RESNET152 } from './generated-net';
import { fmt, median, section, timeRuns } from './timing';

/** Parse + validate: the syntax tree and the schema stage's bound tree, with their diagnostics. */
export function parseAndValidate(text: string, previous?: { text: string; tree: SyntaxTree }): SyntaxTree {
  const tree = reparse(previous, text);
  const root = chooseRootMessage(tree, caffeSchema);
  bindToSchema(tree, text, root.descriptor, caffeSchema);
  return tree;
}

/** "median m ms (fastest f, p90 p)" of sorted runs; the p90 only from ten runs on. */
export function figure(runs: number[]): string {
  const p90 = runs.length >= 10 ? `, p90 ${fmt(runs[Math.floor(runs.length * 0.9)])}` : '';
  return `median ${fmt(median(runs))} ms (fastest ${fmt(runs[0])}${p90}, ${runs.length} runs)`;
}

export function corpusThroughput(): void {
  section('Parse + validate every corpus file');
  const files = corpusFiles().map((rel) => ({ rel, text: readFileSync(join(corpusDir, rel), 'utf8') }));
  for (const f of files) analyze(f.text); // warm up the JIT
  const per = files.map((f) => ({
    rel: f.rel,
    bytes: f.text.length,
    validate: median(timeRuns(() => parseAndValidate(f.text), 7, 2)),
    analyze: median(timeRuns(() => analyze(f.text), 5, 1)),
  }));
  const bytes = per.reduce((s, f) => s + f.bytes, 0) / 1e6;
  for (const key of ['validate', 'analyze'] as const) {
    const total = per.reduce((s, f) => s + f[key], 0);
    const sorted = per.map((f) => f[key]).sort((a, b) => a - b);
    const what = key === 'validate' ? 'parse + validate' : 'whole analyze()';
    console.log(
      `${what}: ${files.length} files, ${bytes.toFixed(2)} MB in ${fmt(total)} ms = ${(bytes / (total / 1000)).toFixed(1)} MB/s; ` +
        `per file median ${fmt(median(sorted))} ms, max ${fmt(sorted[sorted.length - 1])} ms`,
    );
  }
  for (const f of [...per].sort((a, b) => b.validate - a.validate).slice(0, 3)) {
    console.log(`  slowest: ${fmt(f.validate)} ms parse + validate (${fmt(f.analyze)} ms analyze)  ${(f.bytes / 1000).toFixed(0)} kB  ${f.rel}`);
  }
}

/**
 * A typing session on ResNet-152: each step inserts, deletes or replaces one character in a
 * `num_output` of a different layer, so offsets shift as they do when typing.
 */
function editSession(text: string): string[] {
  const sites = [...text.matchAll(/num_output: (\d)/g)].map((m) => m.index! + 'num_output: '.length);
  const versions: string[] = [];
  let current = text;
  for (let k = 0; k < 40; k++) {
    const at = sites[(k * 37) % sites.length];
    const inserted = current.slice(0, at) + '1' + current.slice(at);
    versions.push(inserted);
    versions.push(current); // deleted again
    // A replaced digit keeps the length, so every site stays where it was.
    current = current.slice(0, at) + String((Number(current[at]) + 1) % 10) + current.slice(at + 1);
    versions.push(current);
  }
  return versions;
}

export function editRevalidation(): void {
  section('ResNet-152 deploy: re-validate after a one-character edit (target: median < 5 ms)');
  const text = readFileSync(RESNET152, 'utf8');
  const versions = editSession(text);
  // What the server does: the previous version's analysis is at hand.
  let previous = { text, tree: parse(text) };
  const withPrevious = timeRuns(
    (i) => {
      const next = versions[i % versions.length];
      previous = { text: next, tree: parseAndValidate(next, previous) };
    },
    versions.length,
    20,
  );
  console.log(`${(text.length / 1000).toFixed(0)} kB, parse + validate with the previous version: ${figure(withPrevious)}`);
  const fresh = timeRuns((i) => parseAndValidate(versions[i % versions.length]), 60, 10);
  console.log(`  without it (whole parse + validate): ${figure(fresh)}`);
  let previousAnalysis: Analysis = analyze(text);
  const whole = timeRuns(
    (i) => {
      previousAnalysis = analyze(versions[i % versions.length], {}, previousAnalysis);
    },
    60,
    10,
  );
  console.log(`  whole analyze() of the new version, as the server runs it: ${figure(whole)}`);
}
