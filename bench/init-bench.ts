/**
 * Issue 4's figure: what the shape stage, the init analysis and the lint rules add to the parse of
 * ResNet-152 deploy (target: shapes + init < 3 ms). Run with `node out/bench/init-bench.js`, or
 * as the `init` section of `npm run bench`.
 */
import { readFileSync } from 'node:fs';
import { analyze } from '../server/src/core/analysis';
import { analyzeInit } from '../server/src/core/init/analyze-init';
import { lint } from '../server/src/core/lint/rules';
import { shapesStage } from '../server/src/core/shapes/shapes-stage';
import { RESNET152 } from './generated-net';
import { fmt, median, section, timeRuns } from './timing';

export function initStages(): void {
  section('ResNet-152 deploy: shapes + init analysis + lint, on top of the parse');
  const text = readFileSync(RESNET152, 'utf8');
  const a = analyze(text);
  const net = a.net!;
  // An editor re-analyses on every edit, so the figures are for warmed-up code (100 unmeasured runs).
  const shapes = timeRuns(() => shapesStage(net, a.syntax.comments, {}), 200, 100);
  const init = timeRuns(() => analyzeInit(net, a.shapes), 200, 100);
  const both = timeRuns(() => analyzeInit(net, shapesStage(net, a.syntax.comments, {})), 200, 100);
  const ctx = { text, syntax: a.syntax, root: a.schema.root, net, init: a.init, fillerScaleTolerance: 4 };
  const rules = timeRuns(() => lint(ctx), 200, 100);
  const whole = timeRuns(() => analyze(text), 50, 20);
  const params = a.init!.layers.reduce((n, l) => n + l.params.length, 0);
  console.log(`${net.layers.length} layers, ${params} parameter blobs`);
  // Medians, with the fastest run in brackets: on a shared machine the median carries other processes' load.
  const fig = (runs: number[]) => `${fmt(median(runs))} ms (fastest ${fmt(runs[0])})`;
  console.log(`shapes ${fig(shapes)} + init ${fig(init)}; together ${fig(both)} (target < 3 ms)`);
  console.log(`lint rules ${fig(rules)}; whole analyze() ${fig(whole)}`);
}

if (require.main === module) initStages();
