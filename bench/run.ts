/**
 * `npm run bench`: prints the speed figures the issues ask for. Nothing here asserts: the figures
 * are for people (and issue notes) to read.
 */
import { initStages } from './init-bench';
import { bigNet, corpusThroughput, editRevalidation } from './parse-bench';

const sections: Record<string, () => void> = {
  corpus: corpusThroughput,
  edit: editRevalidation,
  big: bigNet,
  init: initStages,
};

const only = process.argv.slice(2);
for (const [name, run] of Object.entries(sections)) {
  if (only.length && !only.includes(name)) continue;
  run();
}
