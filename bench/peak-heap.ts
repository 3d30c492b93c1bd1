/**
 * The peak JS heap of one job, measured in a fresh Node process with --trace-gc: the heap is at a
 * peak just before each collection, so the largest "used before" figure of the trace (or the
 * heap at the end, if larger) is the peak. A timer cannot sample it: the analysis never yields.
 *
 * As a child: `node --trace-gc peak-heap.js JOB BYTES` runs JOB ('validate' or 'analyze') on the
 * generated net of BYTES once and prints the heap at the end.
 */
import { spawnSync } from 'node:child_process';
import { analyze } from '../server/src/core/analysis';
import { caffeSchema } from '../server/src/core/schema/registry';
import { chooseRootMessage } from '../server/src/core/schema/root-message';
import { bindToSchema } from '../server/src/core/schema/validate';
import { parse } from '../server/src/core/syntax/parse';
import { generatedNet } from './generated-net';

export type HeapJob = 'validate' | 'analyze';

export interface PeakHeap {
  /** MB in use before the job (the text included). */
  before: number;
  peak: number;
}

const END_MARK = 'heap at end:';
const START_MARK = 'heap before:';

export function peakHeap(job: HeapJob, bytes: number, execArgv: readonly string[] = []): PeakHeap | undefined {
  const child = spawnSync(process.execPath, [...execArgv, '--trace-gc', __filename, job, String(bytes)], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const out = child.stdout ?? '';
  const before = Number(out.match(new RegExp(`${START_MARK} ([\\d.]+)`))?.[1]);
  const end = Number(out.match(new RegExp(`${END_MARK} ([\\d.]+)`))?.[1]);
  if (child.status !== 0 || !Number.isFinite(end)) return undefined;
  // Only the collections during the job count: those printed after the start mark.
  const during = out.slice(out.indexOf(START_MARK));
  let peak = end;
  for (const m of during.matchAll(/(?:Scavenge|Mark-Compact|Mark-sweep)[^\n]*? ([\d.]+) \([\d.]+\) -> /g)) peak = Math.max(peak, Number(m[1]));
  return { before, peak };
}

function runJob(job: HeapJob, bytes: number): void {
  const text = generatedNet(bytes);
  const mb = () => (process.memoryUsage().heapUsed / 1e6).toFixed(1);
  console.log(`${START_MARK} ${mb()}`);
  if (job === 'validate') {
    const tree = parse(text);
    const root = chooseRootMessage(tree, caffeSchema);
    const schema = bindToSchema(tree, text, root.descriptor, caffeSchema);
    console.log(`${END_MARK} ${mb()} (${schema.diagnostics.length} diagnostics)`);
  } else {
    const a = analyze(text);
    console.log(`${END_MARK} ${mb()} (${a.diagnostics.length} diagnostics)`);
  }
}

if (require.main === module) runJob(process.argv[2] as HeapJob, Number(process.argv[3]));
