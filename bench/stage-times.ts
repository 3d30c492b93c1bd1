/**
 * The pipeline of analyze() (server/src/core/analysis.ts) step by step, timing each stage: where a
 * figure comes from. Keep it in step with analyze(); `matches` says whether it still gives the same
 * diagnostics.
 */
import { performance } from 'node:perf_hooks';
import { analyze, DEFAULT_SETTINGS, type Analysis } from '../server/src/core/analysis';
import { analyzeInit } from '../server/src/core/init/analyze-init';
import { applySettings } from '../server/src/core/lint/apply-settings';
import { lint } from '../server/src/core/lint/rules';
import { buildNet } from '../server/src/core/net/build-net';
import { MessageView } from '../server/src/core/schema/message-view';
import { caffeSchema } from '../server/src/core/schema/registry';
import { chooseRootMessage } from '../server/src/core/schema/root-message';
import { bindToSchema } from '../server/src/core/schema/validate';
import { shapesStage } from '../server/src/core/shapes/shapes-stage';
import { signalStage } from '../server/src/core/signal/signal-stage';
import { reparse } from '../server/src/core/syntax/reparse';
import { fmt } from './timing';

export type StageName = 'parse' | 'validate' | 'net' | 'shapes' | 'init' | 'signal' | 'lint';

export interface StageTimes {
  ms: Record<StageName, number>;
  /** The whole pipeline, settings and sorting included. */
  total: number;
  diagnostics: number;
}

export function stageTimes(text: string, previous?: Analysis): StageTimes {
  const s = DEFAULT_SETTINGS;
  const ms = {} as Record<StageName, number>;
  const t0 = performance.now();
  const time = <T>(name: StageName, run: () => T): T => {
    const start = performance.now();
    const result = run();
    ms[name] = performance.now() - start;
    return result;
  };
  const syntax = time('parse', () => reparse(previous && { text: previous.text, tree: previous.syntax }, text));
  const { root, schema } = time('validate', () => {
    const root = chooseRootMessage(syntax, caffeSchema);
    return { root, schema: bindToSchema(syntax, text, root.descriptor, caffeSchema) };
  });
  const net = time('net', () => (root.descriptor.fullName === 'caffe.NetParameter' ? buildNet(MessageView.of(schema.root), s) : undefined));
  const shapes = time('shapes', () => (net ? shapesStage(net, syntax.comments, s.inputShapes) : undefined));
  const init = time('init', () => (net ? analyzeInit(net, shapes) : undefined));
  const signal = time('signal', () => (net ? signalStage(net, shapes, init, s.signalBand) : undefined));
  const findings = time('lint', () => lint({ text, syntax, root: schema.root, net, init, fillerScaleTolerance: s.fillerScaleTolerance }));
  const all = [...syntax.errors, ...root.diagnostics, ...schema.diagnostics, ...(net?.diagnostics ?? []), ...(shapes?.diagnostics ?? []), ...findings, ...(signal?.diagnostics ?? [])];
  const diagnostics = applySettings(all, text, syntax, s.severity);
  return { ms, total: performance.now() - t0, diagnostics: diagnostics.length };
}

/** Whether the step-by-step pipeline still gives what analyze() gives (as many diagnostics). */
export function matches(text: string): boolean {
  return stageTimes(text).diagnostics === analyze(text).diagnostics.length;
}

export function formatStages(t: StageTimes): string {
  return (Object.keys(t.ms) as StageName[]).map((name) => `${name} ${fmt(t.ms[name])}`).join(', ');
}
