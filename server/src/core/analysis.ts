/**
 * The pipeline: one document text in, every stage's plain-data result out. Features (diagnostics,
 * hover, symbols, the CLI report) read this object; nothing re-parses.
 */
import type { Diagnostic, Severity } from './diagnostics';
import { analyzeInit, type InitResult } from './init/analyze-init';
import { applySettings } from './lint/apply-settings';
import { lint } from './lint/rules';
import { buildNet } from './net/build-net';
import type { NetModel, Phase } from './net/model';
import { bindToSchema, type SchemaResult } from './schema/validate';
import { MessageView } from './schema/message-view';
import { caffeSchema } from './schema/registry';
import { chooseRootMessage, type RootChoice } from './schema/root-message';
import { shapesStage } from './shapes/shapes-stage';
import type { ShapeResult } from './shapes/types';
import { DEFAULT_SIGNAL_BAND, signalStageSteps, type SignalStage } from './signal/signal-stage';
import { finishSteps, type Steps } from './steps';
import type { SyntaxTree } from './syntax/ast';
import { reparse } from './syntax/reparse';
import { LineIndex } from './text/line-index';

export interface AnalysisSettings {
  /** The phase whose layers are analysed (NetStateRule filtering). */
  phase: Phase;
  level: number;
  stages: string[];
  /** Layer types to accept besides BVLC's registry and Python (e.g. a fork's layers). */
  customLayerTypes: string[];
  /** Per diagnostic code: a new severity, or 'off'. */
  severity: Record<string, Severity | 'off'>;
  /** How far (as a factor) a filler's variance may stray from the recommended one. */
  fillerScaleTolerance: number;
  /** Shapes the user states for inputs the file cannot tell (blob name → shape). */
  inputShapes: Record<string, number[]>;
  /** The healthy band [low, high] of forward variance and gradient second moment, relative to the input / output. */
  signalBand: [number, number];
}

export const DEFAULT_SETTINGS: AnalysisSettings = {
  phase: 'TRAIN',
  level: 0,
  stages: [],
  customLayerTypes: [],
  severity: {},
  fillerScaleTolerance: 4,
  inputShapes: {},
  signalBand: DEFAULT_SIGNAL_BAND,
};

export interface Analysis {
  text: string;
  settings: AnalysisSettings;
  lines: LineIndex;
  syntax: SyntaxTree;
  root: RootChoice;
  schema: SchemaResult;
  /** The top-level message with defaults applied. */
  view: MessageView;
  /** The net Caffe would build for the settings' phase, level and stages; undefined for non-net files (solvers). */
  net: NetModel | undefined;
  /** Blob and parameter shapes as Caffe computes them; undefined when there is no net. */
  shapes: ShapeResult | undefined;
  /** Per parameter blob: fans, the filler with its mean and variance, reference variances; undefined when there is no net. */
  init: InitResult | undefined;
  /** Signal propagation: the as-written run and its band diagnostics, other schemes on request; undefined when there is no net. */
  signal: SignalStage | undefined;
  /** Every stage's diagnostics, severity settings applied, in document order. */
  diagnostics: Diagnostic[];
}

/**
 * `previous`, the analysis of an earlier version of the same document, lets the syntax stage
 * re-read only the lines an edit changed; the result is the same as without it.
 */
export function analyze(text: string, settings: Partial<AnalysisSettings> = {}, previous?: Analysis): Analysis {
  return finishSteps(analysisSteps(text, settings, previous));
}

/**
 * analyze() a stage at a time: the generator pauses after each stage, so the language server can
 * answer other messages in between and drop the analysis of a version an edit has made stale
 * (a big net's stages take seconds).
 */
export function* analysisSteps(text: string, settings: Partial<AnalysisSettings> = {}, previous?: Analysis): Steps<Analysis> {
  const s: AnalysisSettings = { ...DEFAULT_SETTINGS, ...settings };
  const syntax = reparse(previous && { text: previous.text, tree: previous.syntax }, text);
  yield;
  const root = chooseRootMessage(syntax, caffeSchema);
  const schema = bindToSchema(syntax, text, root.descriptor, caffeSchema);
  const view = MessageView.of(schema.root);
  yield;
  const net = root.descriptor.fullName === 'caffe.NetParameter' ? buildNet(view, s) : undefined;
  yield;
  const shapes = net ? shapesStage(net, syntax.comments, s.inputShapes, [...syntax.errors, ...schema.diagnostics]) : undefined;
  const init = net ? analyzeInit(net, shapes) : undefined;
  yield;
  const signal = net ? yield* signalStageSteps(net, shapes, init, s.signalBand) : undefined;
  yield;
  const findings = lint({ text, syntax, root: schema.root, net, init, fillerScaleTolerance: s.fillerScaleTolerance });
  const all = [...syntax.errors, ...root.diagnostics, ...schema.diagnostics, ...(net?.diagnostics ?? []), ...(shapes?.diagnostics ?? []), ...findings, ...(signal?.diagnostics ?? [])];
  // Severity settings and disable comments last, over every stage's findings.
  const diagnostics = applySettings(all, text, syntax, s.severity).sort((a, b) => a.span.start - b.span.start);
  return { text, settings: s, lines: new LineIndex(text), syntax, root, schema, view, net, shapes, init, signal, diagnostics };
}


/**
 * Whether Caffe's protobuf parser (TextFormat::Parse) would read the file: no syntax error and no
 * schema error. Net-level problems (wiring, shapes) are Caffe's later checks, not the parser's.
 */
export function parsesInCaffe(a: Analysis): boolean {
  return a.syntax.errors.length === 0 && !a.schema.diagnostics.some((d) => d.severity === 'error');
}
