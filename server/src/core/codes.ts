/**
 * Every diagnostic code the analysis can report, by stage, with its default severity and a
 * one-line summary. The README's table, SARIF rule metadata and the severity setting all read
 * this list; a test checks that every code the analysis emits is here.
 */
import type { Severity } from './diagnostics';
import { LINT_CODES } from './lint/codes';

export type Stage = 'syntax' | 'schema' | 'net' | 'shapes' | 'init' | 'signal';

export interface CodeInfo {
  stage: Stage;
  severity: Severity;
  /** Other severities the code takes by circumstance (e.g. a hint in deploy nets). */
  alsoAs?: Severity[];
  summary: string;
}

type Table = Record<string, Omit<CodeInfo, 'stage'>>;

const SYNTAX: Table = {
  'byte-order-mark': { severity: 'error', summary: 'The file starts with a byte-order mark, which protobuf\'s parser rejects.' },
  'invalid-character': { severity: 'error', summary: 'A character that is not part of the text format (control characters, @, $, non-ASCII outside strings).' },
  'unterminated-string': { severity: 'error', summary: 'A string literal that reaches the end of its line or of the file.' },
  'invalid-escape': { severity: 'error', summary: 'An escape sequence protobuf does not know, or one with missing digits.' },
  'invalid-number': { severity: 'error', summary: 'A malformed number: 0x without digits, 08, 1e, 1.2.3, letters glued to digits.' },
  'unexpected-token': { severity: 'error', summary: 'A token where the grammar expects something else (protobuf\'s "Expected …, got …").' },
  'unclosed-delimiter': { severity: 'error', summary: 'A {, < or [ that is never closed, or a closer with no opener.' },
  'nesting-too-deep': { severity: 'error', summary: 'Messages nested more than 200 deep (no Caffe file comes close).' },
};

const SCHEMA: Table = {
  'unknown-field': { severity: 'error', summary: 'A field caffe.proto does not define for this message (with "did you mean" and a fix).' },
  'fork-field': { severity: 'error', summary: 'A field only a Caffe fork defines (SSD, Faster R-CNN, …): BVLC Caffe rejects it.' },
  'unsupported-extension': { severity: 'error', summary: 'An [extension] or Any-expansion name: caffe.proto declares neither.' },
  'duplicate-field': { severity: 'error', summary: 'A non-repeated field given twice (Caffe parses, it does not merge).' },
  'list-on-singular': { severity: 'error', summary: 'A [list] on a field that is not repeated.' },
  'missing-colon': { severity: 'error', summary: 'A scalar value without the ":" protobuf requires before it (quick fix inserts it).' },
  'expected-message': { severity: 'error', summary: 'A scalar where the field is a message.' },
  'expected-scalar': { severity: 'error', summary: 'A { message } where the field takes a number, string, bool or enum.' },
  'wrong-value-type': { severity: 'error', summary: 'A value of the wrong type: a string for a number, a float for an integer, a negative unsigned, …' },
  'integer-out-of-range': { severity: 'error', summary: 'An integer outside its field\'s range (int32, uint32, int64, …; bools take 0 or 1).' },
  'unknown-enum-value': { severity: 'error', summary: 'An enum name or number the enum does not define (with "did you mean").' },
  'missing-required-field': { severity: 'error', summary: 'A required field left out (ClipParameter min and max).' },
  'unknown-proto-message': { severity: 'warning', summary: 'A "# proto-message:" header naming a message caffe.proto lacks.' },
};

const NET: Table = {
  'unknown-bottom': { severity: 'error', summary: 'A bottom blob no earlier layer produces in this phase (Caffe: "Unknown bottom blob").' },
  'duplicate-top': { severity: 'error', summary: 'A top produced by a second layer without being in place ("produced by multiple sources").' },
  'include-and-exclude': { severity: 'error', summary: 'A layer with both include and exclude rules.' },
  'unknown-layer-type': { severity: 'error', summary: 'A layer type neither in BVLC\'s registry, nor Python, nor prototxtLens.customLayerTypes.' },
  'missing-layer-type': { severity: 'error', summary: 'A layer without a type.' },
  'bottom-count': { severity: 'error', summary: 'The wrong number of bottoms for the layer type.' },
  'top-count': { severity: 'error', summary: 'The wrong number of tops for the layer type.' },
  'loss-weight-count': { severity: 'error', summary: 'loss_weight given, but not once per top.' },
  'input-shape-count': { severity: 'error', alsoAs: ['warning'], summary: 'Net-level inputs whose input_shape/input_dim count does not match (a warning where Caffe ignores the extra shapes).' },
  'input-without-shape': { severity: 'error', summary: 'A net-level input with no shape.' },
  'v0-padding': { severity: 'error', summary: 'A V0 padding layer that cannot be folded into the next layer as Caffe\'s upgrade does.' },
  'duplicate-layer-name': { severity: 'warning', summary: 'Two layers with weights share a name (weights are matched by name).' },
  'missing-layer-name': { severity: 'warning', summary: 'A layer without a name.' },
  'v0-unknown-parameter': { severity: 'warning', summary: 'A V0 layer field Caffe\'s upgrade does not carry over.' },
  'ignored-layer': { severity: 'warning', summary: '`layer` entries Caffe drops because the file also has V1 `layers`.' },
  'layer-phase-field': { severity: 'information', summary: 'A layer\'s own `phase:` field, which does not filter it (use include { phase: … }).' },
  'unused-top': { severity: 'hint', summary: 'A top no later layer reads and that is not a net output.' },
};

const SHAPES: Table = {
  'shape-mismatch': { severity: 'error', summary: 'Inputs that must agree in shape do not (Eltwise, Concat, …).' },
  'kernel-exceeds-input': { severity: 'error', alsoAs: ['warning'], summary: 'A kernel larger than its padded input: no output (error) or an output only by rounding (warning).' },
  'crop-out-of-bounds': { severity: 'error', summary: 'A crop that reaches beyond its input.' },
  'reshape-count-mismatch': { severity: 'error', summary: 'A Reshape whose new shape does not hold the input\'s count.' },
  'shape-check': { severity: 'error', summary: 'Another shape CHECK of Caffe\'s that fails (axis out of range, slice points, …).' },
  'zero-batch': { severity: 'warning', summary: 'A data layer with batch size 0 (also when batch_size is not set): every batch is empty.' },
  'zero-num-output': { severity: 'warning', summary: 'num_output 0 (also when not set) on an InnerProduct, Embed or recurrent layer: no outputs.' },
  'stated-shape-mismatch': { severity: 'warning', summary: 'A shape stated in a comment or setting that the file contradicts (the stated one is used).' },
  'bad-shape-directive': { severity: 'warning', summary: 'A "# prototxt-lens: shape" comment that cannot be read.' },
  'unknown-shape': { severity: 'information', summary: 'Where shapes become unknown (a dataset or Python input), and how to state them.' },
};

const INIT: Table = Object.fromEntries(
  Object.entries(LINT_CODES).map(([code, info]) => [
    code,
    { severity: info.severity, summary: info.summary, ...(code === 'missing-weight-filler' ? { alsoAs: ['hint' as Severity] } : {}) },
  ]),
);

const SIGNAL: Table = {
  'signal-out-of-band': {
    severity: 'information',
    summary: 'The first layer where the forward variance or the backward gradient leaves the healthy band, and the scheme that would keep it inside.',
  },
};

const TABLES: [Stage, Table][] = [
  ['syntax', SYNTAX],
  ['schema', SCHEMA],
  ['net', NET],
  ['shapes', SHAPES],
  ['init', INIT],
  ['signal', SIGNAL],
];

export const DIAGNOSTIC_CODES: Readonly<Record<string, CodeInfo>> = Object.fromEntries(
  TABLES.flatMap(([stage, table]) => Object.entries(table).map(([code, info]) => [code, { stage, ...info }])),
);
