/**
 * One analysis per document version: features ask the cache, which analyses a version at most
 * once. Entries for closed documents are dropped; a settings change clears everything.
 *
 * Publishing diagnostics analyses a stage at a time (analyseInSteps), letting the server read
 * other messages in between: a big net's stages take seconds, and an edit arriving meanwhile
 * makes the rest of that work pointless. A request for the same version meanwhile finishes the
 * analysis in progress rather than starting another.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analysisSteps, type Analysis, type AnalysisSettings } from '../core/analysis';
import { finishSteps, type Steps } from '../core/steps';

interface Entry {
  version: number;
  analysis: Analysis;
}

interface InProgress {
  version: number;
  steps: Steps<Analysis>;
}

/**
 * Lets the event loop run, so that pending messages (an edit, a request) are handled before the
 * next stage. Two hops: the connection reads a message in one turn and handles it in the next.
 */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inProgress = new Map<string, InProgress>();

  constructor(private settingsFor: (uri: string) => AnalysisSettings) {}

  get(doc: TextDocument): Analysis {
    const { uri, version } = doc;
    const hit = this.peek(uri, version);
    if (hit) return hit;
    const steps = this.stepsFor(doc);
    try {
      return this.store(uri, version, finishSteps(steps));
    } finally {
      this.dropSteps(uri, steps);
    }
  }

  /**
   * The analysis of this version, computed a stage at a time with the event loop running in
   * between; undefined when `stillWanted` turns false first (a newer version, a closed document).
   * The document object is updated in place by later edits: its version and text are read now.
   */
  async analyseInSteps(doc: TextDocument, stillWanted: () => boolean): Promise<Analysis | undefined> {
    const { uri, version } = doc;
    if (this.peek(uri, version)) return this.peek(uri, version);
    const steps = this.stepsFor(doc);
    try {
      for (;;) {
        // A request may have finished this analysis meanwhile (get() runs the same steps).
        const hit = this.peek(uri, version);
        if (hit) return hit;
        // Given up: the document moved on or closed, the settings changed, or a newer version started.
        if (!stillWanted() || this.inProgress.get(uri)?.steps !== steps) return undefined;
        const step = steps.next();
        if (step.done) return this.store(uri, version, step.value);
        await nextTurn();
      }
    } finally {
      this.dropSteps(uri, steps);
    }
  }

  /** The cached analysis if it is for this exact version, without computing. */
  peek(uri: string, version: number): Analysis | undefined {
    const hit = this.entries.get(uri);
    return hit && hit.version === version ? hit.analysis : undefined;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
    this.inProgress.delete(uri);
  }

  clear(): void {
    this.entries.clear();
    this.inProgress.clear();
  }

  /** The steps of this version's analysis: the ones under way, or new ones. */
  private stepsFor(doc: TextDocument): Steps<Analysis> {
    const running = this.inProgress.get(doc.uri);
    if (running && running.version === doc.version) return running.steps;
    // The previous version's analysis lets the syntax stage re-read only the changed lines.
    const steps = analysisSteps(doc.getText(), this.settingsFor(doc.uri), this.entries.get(doc.uri)?.analysis);
    this.inProgress.set(doc.uri, { version: doc.version, steps });
    return steps;
  }

  private store(uri: string, version: number, analysis: Analysis): Analysis {
    this.entries.set(uri, { version, analysis });
    return analysis;
  }

  /** Done with these steps (finished, given up, or failed): they are no longer under way. */
  private dropSteps(uri: string, steps: Steps<Analysis>): void {
    if (this.inProgress.get(uri)?.steps === steps) this.inProgress.delete(uri);
  }
}
