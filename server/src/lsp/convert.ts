/** Offsets ↔ LSP positions and core diagnostics → LSP diagnostics. Translation only. */
import {
  CodeAction,
  CodeActionKind,
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic as LspDiagnostic,
  type Range,
  type TextEdit,
} from 'vscode-languageserver/node';
import type { Diagnostic, QuickFix, Severity } from '../core/diagnostics';
import type { LineIndex } from '../core/text/line-index';
import type { Span } from '../core/text/span';

export function toRange(lines: LineIndex, span: Span): Range {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const DIAGNOSTIC_SOURCE = 'prototxt-lens';

export function toLspDiagnostic(lines: LineIndex, uri: string, d: Diagnostic): LspDiagnostic {
  return {
    range: toRange(lines, d.span),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: DIAGNOSTIC_SOURCE,
    message: d.message,
    tags: d.unnecessary ? [DiagnosticTag.Unnecessary] : undefined,
    relatedInformation: d.related?.map((r) => ({ location: { uri, range: toRange(lines, r.span) }, message: r.message })),
  };
}

export function toCodeAction(lines: LineIndex, uri: string, fix: QuickFix, diagnostic: LspDiagnostic): CodeAction {
  const edits: TextEdit[] = fix.edits.map((e) => ({ range: toRange(lines, e.span), newText: e.newText }));
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: fix.preferred,
    edit: { changes: { [uri]: edits } },
  };
}
