/**
 * `npm run bench`: prints the speed figures the issues ask for. Nothing here asserts: the figures
 * are for people (and issue notes) to read.
 */
import { bigNet } from './big-net-bench';
import { initStages } from './init-bench';
import { corpusThroughput, editRevalidation } from './parse-bench';
import { serverOnBigNet } from './server-bench';
import { signalAccuracy, signalSpeed } from './signal-bench';

const sections: Record<string, () => void | Promise<void>> = {
  corpus: corpusThroughput,
  edit: editRevalidation,
  big: bigNet,
  server: serverOnBigNet,
  init: initStages,
  signal: signalSpeed,
  // Minutes, not seconds: reference forward passes of eight nets (GoogLeNet and ResNet-50 at 224×224).
  'signal-accuracy': () => signalAccuracy(),
};

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  for (const [name, run] of Object.entries(sections)) {
    if (only.length && !only.includes(name)) continue;
    await run();
  }
}

void main();
