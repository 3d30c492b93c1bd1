/** Output formats of `caffe-lint`: compiler-style text, a JSON array, SARIF 2.1.0. */
import type { Analysis } from '../core/analysis';
import { DIAGNOSTIC_CODES } from '../core/codes';
import { reportDiagnostic, type ReportDiagnostic } from '../core/features/inspect-report';

export interface FileResult {
  file: string;
  analysis: Analysis;
}

export type FileDiagnostic = ReportDiagnostic & { file: string };

export function fileDiagnostics(results: FileResult[]): FileDiagnostic[] {
  return results.flatMap(({ file, analysis }) => analysis.diagnostics.map((d) => ({ file, ...reportDiagnostic(analysis, d) })));
}

/** `file:line:col: severity code: message`, 1-based like compilers print. */
export function formatText(results: FileResult[]): string {
  return fileDiagnostics(results)
    .map((d) => `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code}: ${d.message}`)
    .join('\n');
}

export function formatJson(results: FileResult[]): string {
  return JSON.stringify(fileDiagnostics(results), null, 2);
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

export function formatSarif(results: FileResult[], toolVersion: string): string {
  const diags = fileDiagnostics(results);
  const ruleIds = [...new Set(diags.map((d) => d.code))].sort();
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'caffe-lint',
            version: toolVersion,
            rules: ruleIds.map((id) => {
              const info = DIAGNOSTIC_CODES[id];
              return info
                ? { id, shortDescription: { text: info.summary }, defaultConfiguration: { level: SARIF_LEVEL[info.severity] }, properties: { stage: info.stage } }
                : { id };
            }),
          },
        },
        artifacts: results.map((r) => ({ location: { uri: toUri(r.file) } })),
        results: diags.map((d) => ({
          ruleId: d.code,
          ruleIndex: ruleIds.indexOf(d.code),
          level: SARIF_LEVEL[d.severity],
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: toUri(d.file), index: results.findIndex((r) => r.file === d.file) },
                // SARIF lines and columns are 1-based; columns count UTF-16 code units by default.
                region: {
                  startLine: d.range.start.line + 1,
                  startColumn: d.range.start.character + 1,
                  endLine: d.range.end.line + 1,
                  endColumn: d.range.end.character + 1,
                },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

/** Relative paths stay relative URI references (SARIF allows them); separators become '/'. */
function toUri(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}
