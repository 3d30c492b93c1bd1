/**
 * One analysis per document version: features ask the cache, which analyses a version at most
 * once. Entries for closed documents are dropped; a settings change clears everything.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Analysis, type AnalysisSettings } from '../core/analysis';

interface Entry {
  version: number;
  analysis: Analysis;
}

export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private settingsFor: (uri: string) => AnalysisSettings) {}

  get(doc: TextDocument): Analysis {
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.analysis;
    // The previous version's analysis lets the syntax stage re-read only the changed lines.
    const analysis = analyze(doc.getText(), this.settingsFor(doc.uri), hit?.analysis);
    this.entries.set(doc.uri, { version: doc.version, analysis });
    return analysis;
  }

  /** The cached analysis if it is for this exact version, without computing. */
  peek(uri: string, version: number): Analysis | undefined {
    const hit = this.entries.get(uri);
    return hit && hit.version === version ? hit.analysis : undefined;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
