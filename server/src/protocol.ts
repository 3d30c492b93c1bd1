/**
 * Custom LSP messages between the Prototxt Lens client and server, typed once for both sides.
 * Plain method-name constants and payload types only (no library import; type-only imports from
 * the pure core), so the client bundle and the server bundle share them without pulling each
 * other's dependencies.
 */
import type { SchemeName } from './core/signal/schemes';
import type { ReportLayer, ReportSeries, ReportValue, SignalReport } from './core/signal/signal-report';

export interface InspectParams {
  uri: string;
}

/** `prototxtLens/inspect`: the same JSON report `caffe-lint inspect` prints for the document. */
export const InspectRequestMethod = 'prototxtLens/inspect';
export type InspectResult = Record<string, unknown> | null;

/** The weight-initialisation schemes the signal analysis compares: the file's own fillers, or every learnable weight refilled. */
export type SchemeId = SchemeName;

export interface SignalParams {
  uri: string;
  /** Schemes to compute besides 'as-written' (default: xavier, msra, glorot). */
  schemes?: SchemeId[];
}

// The preview's data is the core's signal report (server/src/core/signal/signal-report.ts), which
// documents each member; the protocol only adds the document it belongs to.
export type SignalValue = ReportValue;
export type SignalLayer = ReportLayer;
export type SignalSeries = ReportSeries;

/** `prototxtLens/signal`: the data of the variance preview for one document version. */
export interface SignalResult extends SignalReport {
  uri: string;
  version: number;
}

export const SignalRequestMethod = 'prototxtLens/signal';

/** Server → client: a document's analysis changed (the preview re-requests its data). */
export const AnalysisChangedNotificationMethod = 'prototxtLens/analysisChanged';
export interface AnalysisChangedParams {
  uri: string;
  version: number;
}
