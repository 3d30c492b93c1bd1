/**
 * Custom LSP messages between the Prototxt Lens client and server, typed once for both sides.
 * Plain method-name constants and payload types only (no library import), so the client bundle
 * and the server bundle share them without pulling each other's dependencies.
 */

export interface InspectParams {
  uri: string;
}

/** `prototxtLens/inspect`: the same JSON report `caffe-lint inspect` prints for the document. */
export const InspectRequestMethod = 'prototxtLens/inspect';
export type InspectResult = Record<string, unknown> | null;

/** The weight-initialisation schemes the signal analysis compares: the file's own fillers, or every learnable weight refilled. */
export type SchemeId = 'as-written' | 'xavier' | 'msra' | 'glorot' | `gaussian:${string}`;

export interface SignalParams {
  uri: string;
  /** Schemes to compute besides 'as-written' (default: xavier, msra, glorot). */
  schemes?: SchemeId[];
}

/** One point of a curve: null where the value cannot be known (an unknown shape, a Python layer). */
export interface SignalValue {
  value: number | null;
  /** True when the value comes from an approximation (max pooling, LRN, numerical integration …). */
  approximate: boolean;
}

export interface SignalLayer {
  name: string;
  type: string;
  /** Where the layer's name is written (0-based), to reveal it in the editor. */
  line: number;
  character: number;
  /** Shapes of the layer's tops (null axes/shapes where unknown). */
  topShapes: ((number | null)[] | null)[];
  fanIn?: number;
  fanOut?: number;
}

export interface SignalSeries {
  scheme: SchemeId;
  label: string;
  /** Per layer (same order as `layers`): the variance of its (first) top relative to the input's. */
  forward: SignalValue[];
  /** Per layer: the gradient second moment at its (first) bottom relative to the output gradient's. */
  backward: SignalValue[];
}

/** `prototxtLens/signal`: the data of the variance preview for one document version. */
export interface SignalResult {
  uri: string;
  version: number;
  /** The layers plotted, in topological order (x axis). */
  layers: SignalLayer[];
  series: SignalSeries[];
  /** The healthy band [low, high] relative to the input (setting, default [1e-2, 1e2]). */
  band: [number, number];
  /** What could not be computed and how to fix it (shown instead of an empty chart). */
  notes: { message: string; fix?: string }[];
}

export const SignalRequestMethod = 'prototxtLens/signal';

/** Server → client: a document's analysis changed (the preview re-requests its data). */
export const AnalysisChangedNotificationMethod = 'prototxtLens/analysisChanged';
export interface AnalysisChangedParams {
  uri: string;
  version: number;
}
