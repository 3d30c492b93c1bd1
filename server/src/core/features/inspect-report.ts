/**
 * The JSON report of `caffe-lint inspect` (and the editor's "Inspect Net as JSON" command):
 * the parsed message in protobuf's JSON mapping, the diagnostics with LSP-style ranges, and the
 * net's blobs and layers (net-report.ts). Later stages add their members here (signal).
 */
import type { Analysis } from '../analysis';
import type { Diagnostic, Severity } from '../diagnostics';
import type { JsonValue } from '../schema/to-json';
import { messageToJson } from '../schema/to-json';
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

export function inspectReport(a: Analysis): { [key: string]: JsonValue } {
  return {
    message: a.schema.root.descriptor.fullName,
    parsed: messageToJson(a.schema.root),
    diagnostics: a.diagnostics.map((d) => reportDiagnostic(a, d) as unknown as JsonValue),
    blobs: blobsReport(a),
    layers: layersReport(a),
  };
}
