/** Issue 2's figures: parse + validate speed on the corpus, re-validation after an edit, a 10 MB net, protoc's time. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../server/src/core/analysis';
import { parse } from '../server/src/core/syntax/parse';
import { corpusDir, corpusFiles, repoRoot } from '../test/helpers/paths';
import { fmt, median, section, timeOnce, timeRuns } from './timing';

export const RESNET152 = join(corpusDir, 'kaiminghe-deep-residual-networks/prototxt/ResNet-152-deploy.prototxt');

export function corpusThroughput(): void {
  section('parse + validate every corpus file');
  const files = corpusFiles().map((rel) => ({ rel, text: readFileSync(join(corpusDir, rel), 'utf8') }));
  for (const f of files) analyze(f.text); // warm up the JIT
  const per = files.map((f) => ({ rel: f.rel, bytes: f.text.length, ms: median(timeRuns(() => analyze(f.text), 5, 1)) }));
  const bytes = per.reduce((s, f) => s + f.bytes, 0);
  const ms = per.reduce((s, f) => s + f.ms, 0);
  const sorted = per.map((f) => f.ms).sort((a, b) => a - b);
  console.log(`${files.length} files, ${(bytes / 1e6).toFixed(2)} MB: ${fmt(ms)} ms total, ${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s`);
  console.log(`per file: median ${fmt(median(sorted))} ms, max ${fmt(sorted[sorted.length - 1])} ms`);
  const slowest = [...per].sort((a, b) => b.ms - a.ms).slice(0, 3);
  for (const f of slowest) console.log(`  ${fmt(f.ms)} ms  ${(f.bytes / 1000).toFixed(0)} kB  ${f.rel}`);
}

export function editRevalidation(): void {
  section('ResNet-152 deploy: re-validate after a one-character edit');
  const text = readFileSync(RESNET152, 'utf8');
  // Edit a different layer each time: turn one `num_output: N` digit into another digit.
  const sites = [...text.matchAll(/num_output: (\d)/g)].map((m) => m.index! + 'num_output: '.length);
  const runs = timeRuns(
    (i) => {
      const at = sites[i % sites.length];
      const edited = text.slice(0, at) + String((Number(text[at]) + 1 + i) % 10) + text.slice(at + 1);
      analyze(edited);
    },
    60,
    10,
  );
  console.log(`${(text.length / 1000).toFixed(0)} kB: median ${fmt(median(runs))} ms, p90 ${fmt(runs[Math.floor(runs.length * 0.9)])} ms (target: median < 5 ms)`);
  const parseOnly = timeRuns(() => parse(text), 30, 5);
  console.log(`  of which parse alone: median ${fmt(median(parseOnly))} ms`);
}

/** A net of `bytes` size made of ordinary conv/relu layers. */
export function generatedNet(bytes: number): string {
  const parts = ['name: "generated"\ninput: "data"\ninput_shape { dim: 1 dim: 3 dim: 64 dim: 64 }\n'];
  let size = parts[0].length;
  let prev = 'data';
  for (let i = 0; size < bytes; i++) {
    const block = `layer {\n  name: "conv${i}"\n  type: "Convolution"\n  bottom: "${prev}"\n  top: "conv${i}"\n  param { lr_mult: 1 decay_mult: 1 }\n  convolution_param {\n    num_output: 16\n    kernel_size: 3\n    pad: 1\n    weight_filler { type: "msra" }\n    bias_filler { type: "constant" value: 0 }\n  }\n}\nlayer {\n  name: "relu${i}"\n  type: "ReLU"\n  bottom: "conv${i}"\n  top: "conv${i}"\n}\n`;
    parts.push(block);
    size += block.length;
    prev = `conv${i}`;
  }
  return parts.join('');
}

export function bigNet(): void {
  section('a generated 10 MB net');
  const text = generatedNet(10e6);
  if (global.gc) global.gc();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  const { ms, result } = timeOnce(() => analyze(text));
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  console.log(`${(text.length / 1e6).toFixed(1)} MB, ${result.diagnostics.length} diagnostics: ${fmt(ms)} ms (target < 1000 ms)`);
  console.log(`heap: ${(before / 1e6).toFixed(0)} MB before, ${(peak / 1e6).toFixed(0)} MB at the end of the analysis (+${((peak - before) / 1e6).toFixed(0)} MB held by the result)`);
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(`max RSS of the benchmark process so far: ${rss.toFixed(0)} MB`);
  compareWithProtoc(text, 'generated 10 MB');
  compareWithProtoc(readFileSync(RESNET152, 'utf8'), 'ResNet-152 deploy');
}

function compareWithProtoc(text: string, label: string): void {
  const protoc = ['/usr/bin/protoc', '/usr/local/bin/protoc'].find(existsSync);
  if (!protoc) {
    console.log(`protoc not installed: no comparison for ${label}`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-proto-'));
  spawnSync(process.execPath, [join(repoRoot, 'scripts/write-caffe-proto.mjs'), join(dir, 'caffe.proto')]);
  const input = Buffer.from(text);
  const runProtoc = () => spawnSync(protoc, [`--proto_path=${dir}`, '--encode=caffe.NetParameter', join(dir, 'caffe.proto')], { input, maxBuffer: 1 << 30 });
  // Process start-up is part of protoc's time; measure it with an empty input and subtract.
  const startup = median(timeRuns(() => spawnSync(protoc, ['--version']), 5, 1));
  const protocMs = median(timeRuns(runProtoc, 3, 1));
  const oursMs = median(timeRuns(() => analyze(text), 3, 1));
  const protocParse = Math.max(protocMs - startup, 0.01);
  console.log(
    `${label}: protoc --encode ${fmt(protocMs)} ms (${fmt(protocParse)} ms without its ${fmt(startup)} ms start-up); ours ${fmt(oursMs)} ms; ratio ours/protoc ${(oursMs / protocParse).toFixed(2)}`,
  );
}
