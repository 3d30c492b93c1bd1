/**
 * Issue 2's figures for a generated 10 MB net: parse + validate (target < 1 s), also with a syntax
 * error (one the rest of the file reads past, and a block left open), with its peak heap,
 * each later stage of analyze(), an edit with the previous version at hand, and protoc's time on
 * the same input (and on ResNet-152) where protoc is installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../server/src/core/analysis';
import { parse } from '../server/src/core/syntax/parse';
import { repoRoot } from '../test/helpers/paths';
import { generatedNet, RESNET152 } from './generated-net';
import { figure, parseAndValidate } from './parse-bench';
import { peakHeap } from './peak-heap';
import { formatStages, stageTimes } from './stage-times';
import { fmt, section, timeRuns } from './timing';

const BYTES = 10e6;

export function bigNet(): void {
  section('A generated 10 MB net');
  const text = generatedNet(BYTES);
  const validate = timeRuns(() => parseAndValidate(text), 3, 1);
  console.log(`${(text.length / 1e6).toFixed(1)} MB, parse + validate: ${figure(validate)} (target < 1000 ms)`);
  const lastLayer = text.lastIndexOf('\nlayer') + 1;
  const broken = text.slice(0, lastLayer) + '@' + text.slice(lastLayer);
  const withError = timeRuns(() => parseAndValidate(broken), 3, 1);
  console.log(`  with a stray character before the last layer: ${figure(withError)}`);
  // A block left open needs the second pass, which reads the whole file's tokens.
  const brace = text.indexOf('}\n', text.length >> 1);
  const unclosed = text.slice(0, brace) + text.slice(brace + 1);
  const withUnclosed = timeRuns(() => parseAndValidate(unclosed), 3, 1);
  console.log(`  with a } missing in the middle: ${figure(withUnclosed)}`);
  // One character typed in the middle, with the previous version's analysis at hand; measured
  // before the whole analyze() below, whose 800 MB of garbage would be collected during these runs.
  const at = text.indexOf('num_output: 16', text.length >> 1) + 'num_output: 1'.length;
  const edited = text.slice(0, at) + '7' + text.slice(at);
  const previous = { text, tree: parse(text) };
  const edit = timeRuns(() => parseAndValidate(edited, previous), 3, 1);
  console.log(`  after a one-character edit, parse + validate with the previous version: ${figure(edit)}`);

  for (const job of ['validate', 'analyze'] as const) {
    const heap = peakHeap(job, BYTES);
    const what = job === 'validate' ? 'parse + validate' : 'whole analyze()';
    console.log(heap ? `  peak heap of ${what} in a fresh process: ${heap.peak.toFixed(0)} MB (${heap.before.toFixed(0)} MB before, the text included)` : `  peak heap of ${what}: not measured (the child failed)`);
  }
  const stages = stageTimes(text);
  console.log(`  whole analyze(): ${fmt(stages.total)} ms, ${stages.diagnostics} diagnostics; by stage (ms): ${formatStages(stages)}`);

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
  try {
    spawnSync(process.execPath, [join(repoRoot, 'scripts/write-caffe-proto.mjs'), join(dir, 'caffe.proto')]);
    const input = Buffer.from(text);
    const encode = (input: Buffer | string) => () =>
      spawnSync(protoc, [`--proto_path=${dir}`, '--encode=caffe.NetParameter', join(dir, 'caffe.proto')], { input, maxBuffer: 1 << 30 });
    const status = encode(text)().status;
    // protoc's time includes its start-up and reading caffe.proto: measured with an empty input and
    // subtracted. Fastest runs, the steadiest figure of a process's time on a shared machine.
    const startup = timeRuns(encode(''), 7, 1)[0];
    const protocMs = timeRuns(encode(text), 7, 1)[0];
    const protocParse = protocMs - startup;
    const ours = timeRuns(() => parseAndValidate(text), 7, 1)[0];
    const whole = timeRuns(() => analyze(text), 3, 1)[0];
    const head = `${label}: protoc --encode=caffe.NetParameter ${fmt(protocMs)} ms with its ${fmt(startup)} ms start-up (exit ${status}); ours: parse + validate ${fmt(ours)} ms, whole analyze() ${fmt(whole)} ms (fastest runs)`;
    if (protocParse < 2) {
      console.log(`${head}; protoc's parse is within its start-up noise: ratio to protoc's whole run ${(ours / protocMs).toFixed(2)}`);
    } else {
      console.log(`${head}; ratio ours/protoc: parse + validate ${(ours / protocParse).toFixed(1)}, whole analyze() ${(whole / protocParse).toFixed(1)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
