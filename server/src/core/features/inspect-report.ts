/**
 * The JSON report of `caffe-lint inspect` (and the editor's "Inspect Net as JSON" command):
 * the parsed message in protobuf's JSON mapping, the diagnostics with LSP-style ranges, and the
 * net's blobs and layers (net-report.ts), and — when a scheme is asked for (`caffe-lint inspect
 * --scheme`) — `signal`: per layer the forward mean and variance of each top and the backward
 * gradient second moment of each bottom under that scheme (signal/signal-report.ts).
 */
import type { Analysis } from '../analysis';
import type { Diagnostic, Severity } from '../diagnostics';
import type { JsonValue } from '../schema/to-json';
import { messageToJson } from '../schema/to-json';
import { signalList } from '../signal/signal-report';
import type { Scheme } from '../signal/schemes';
import { blobsReport, layersReport } from './net-report';

export interface ReportDiagnostic {
  severity: Severity;
  code: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export function reportDiagnostic(a: Analysis, d: Diagnostic): ReportDiagnostic {
  return {
    severity: d.severity,
    code: d.code,
    message: d.message,
    range: { start: a.lines.positionAt(d.span.start), end: a.lines.positionAt(d.span.end) },
  };
}

export interface InspectOptions {
  /** Add `signal` for this scheme (absent: no signal member). */
  scheme?: Scheme;
}

export function inspectReport(a: Analysis, options: InspectOptions = {}): { [key: string]: JsonValue } {
  const report: { [key: string]: JsonValue } = {
    message: a.schema.root.descriptor.fullName,
    parsed: messageToJson(a.schema.root),
    diagnostics: a.diagnostics.map((d) => reportDiagnostic(a, d) as unknown as JsonValue),
    blobs: blobsReport(a),
    layers: layersReport(a),
  };
  if (options.scheme) report.signal = a.signal ? signalList(a.signal.run(options.scheme)) : [];
  return report;
}
