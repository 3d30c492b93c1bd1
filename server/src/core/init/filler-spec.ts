/**
 * A FillerParameter as Caffe reads it: every field with its proto default applied (type
 * "constant", value 0, min 0, max 1, mean 0, std 1, sparse -1, variance_norm FAN_IN), plus what the
 * file actually wrote and where, so rules can point at a field and edits can replace it.
 */
import { MessageView } from '../schema/message-view';
import { caffeSchema } from '../schema/registry';
import type { Span } from '../text/span';

export type VarianceNorm = 'FAN_IN' | 'FAN_OUT' | 'AVERAGE';

/** The numeric and enum fields of caffe.FillerParameter, in proto order. */
export const FILLER_FIELDS = ['type', 'value', 'min', 'max', 'mean', 'std', 'sparse', 'variance_norm'] as const;
export type FillerField = (typeof FILLER_FIELDS)[number];

export interface FillerValues {
  type: string;
  value: number;
  min: number;
  max: number;
  mean: number;
  std: number;
  sparse: number;
  varianceNorm: VarianceNorm;
}

export interface FillerSpec extends FillerValues {
  /** True when the file writes the filler field (false: Caffe's default for the blob applies). */
  written: boolean;
  /** Fields the file sets inside the filler message, in proto order. */
  setFields: FillerField[];
  /**
   * When the field is absent and the layer substitutes its own filler instead of the proto
   * default (PReLU: constant 0.25, Scale: constant 1), a short note saying so.
   */
  layerDefault?: string;
  /** The filler message (empty when not written); gives value spans for edits. */
  view: MessageView;
  /** `weight_filler { … }` from name to closing brace, when written. */
  fieldSpan?: Span;
  /** The name `weight_filler`, when written. */
  nameSpan?: Span;
}

let empty: MessageView | undefined;

/** One shared view of an unwritten FillerParameter (every read gives the default). */
function emptyFiller(): MessageView {
  return (empty ??= new MessageView(caffeSchema.requireMessage('caffe.FillerParameter'), undefined));
}

const unwritten = new Map<object | undefined, FillerSpec>();

function unwrittenSpec(substitute: { values: Partial<FillerValues>; note: string } | undefined): FillerSpec {
  let spec = unwritten.get(substitute);
  if (!spec) {
    spec = Object.freeze({ ...FILLER_DEFAULTS, ...substitute?.values, written: false, setFields: [], view: emptyFiller(), ...(substitute ? { layerDefault: substitute.note } : {}) });
    unwritten.set(substitute, spec);
  }
  return spec;
}

/** Proto defaults of caffe.FillerParameter (caffe.proto). */
export const FILLER_DEFAULTS: FillerValues = {
  type: 'constant',
  value: 0,
  min: 0,
  max: 1,
  mean: 0,
  std: 1,
  sparse: -1,
  varianceNorm: 'FAN_IN',
};

/**
 * Reads the filler field `field` of `owner` (e.g. convolution_param's weight_filler).
 * `substitute` is what the layer uses when the field is absent (Scale: constant 1, PReLU: 0.25).
 */
export function readFiller(owner: MessageView, field: string, substitute?: { values: Partial<FillerValues>; note: string }): FillerSpec {
  const written = owner.messages(field);
  // Unwritten fillers are the common case in deploy nets: one shared, read-only spec per default.
  if (written.length === 0) return unwrittenSpec(substitute);
  const view = written[written.length - 1];
  return {
    type: view.string('type'),
    value: view.number('value'),
    min: view.number('min'),
    max: view.number('max'),
    mean: view.number('mean'),
    std: view.number('std'),
    sparse: view.number('sparse'),
    varianceNorm: view.enumName('variance_norm') as VarianceNorm,
    written: true,
    setFields: FILLER_FIELDS.filter((f) => view.has(f)),
    view,
    fieldSpan: owner.fieldSpan(field),
    nameSpan: owner.nameSpan(field),
  };
}
