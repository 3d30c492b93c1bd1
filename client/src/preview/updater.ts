/**
 * Keeps the preview's data in step with one document while the user types. Edits are debounced,
 * at most one request is in flight (edits during it ask for one more request when it returns),
 * and the latest version wins: an answer older than what the panel shows, or for a document the
 * panel no longer follows, or overtaken by a newer request, is dropped.
 * Plain TypeScript (no VS Code import), so the unit tests drive it with their own clock.
 */

export interface VersionedResult {
  version: number;
}

export interface Timing {
  editedAt?: number;
  requestedAt: number;
  answeredAt: number;
}

export interface UpdaterDeps<R extends VersionedResult> {
  /** Asks the server for the data of `uri` (null: it has no analysis of it). */
  request(uri: string): Promise<R | null>;
  /** Hands an answer to the panel. */
  deliver(uri: string, result: R | null, timing: Timing): void;
  /** A request failed (e.g. the server is restarting). */
  fail(uri: string, error: unknown): void;
  /** False while nobody can see the panel: updates wait until `refresh()`. */
  isLive(): boolean;
  delayMs: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class SignalUpdater<R extends VersionedResult> {
  private target: string | undefined;
  private timer: unknown;
  private inFlight = false;
  private again = false;
  private issued = 0;
  private shown: { uri: string; version: number } | undefined;
  /** When each version's edit arrived, to time the repaint it leads to. */
  private readonly editedAt = new Map<number, number>();
  private disposed = false;

  constructor(private readonly deps: UpdaterDeps<R>) {}

  get uri(): string | undefined {
    return this.target;
  }

  /** Follows another document (or the same one again), asking for its data at once. */
  follow(uri: string): void {
    if (uri !== this.target) {
      this.target = uri;
      this.shown = undefined;
      this.editedAt.clear();
    }
    this.refresh();
  }

  /** The followed document changed to `version`: ask again after the debounce delay. */
  changed(uri: string, version: number): void {
    if (uri !== this.target || this.disposed) return;
    if (!this.editedAt.has(version)) this.editedAt.set(version, this.now());
    this.cancelTimer();
    this.timer = (this.deps.setTimer ?? setTimeout)(() => {
      this.timer = undefined;
      this.fire();
    }, this.deps.delayMs);
  }

  /** Ask now (the panel became visible, the server re-analysed, the webview reloaded). */
  refresh(): void {
    this.cancelTimer();
    this.fire();
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) (this.deps.clearTimer ?? ((h) => clearTimeout(h as NodeJS.Timeout)))(this.timer);
    this.timer = undefined;
  }

  private fire(): void {
    if (this.disposed || !this.target || !this.deps.isLive()) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    void this.run(this.target);
  }

  private async run(uri: string): Promise<void> {
    this.inFlight = true;
    const ticket = ++this.issued;
    const requestedAt = this.now();
    try {
      const result = await this.deps.request(uri);
      if (!this.isCurrent(ticket, uri, result)) return;
      const editedAt = result ? this.editedAt.get(result.version) : undefined;
      if (result) {
        this.shown = { uri, version: result.version };
        for (const v of [...this.editedAt.keys()]) if (v <= result.version) this.editedAt.delete(v);
      }
      this.deps.deliver(uri, result, { editedAt, requestedAt, answeredAt: this.now() });
    } catch (err) {
      if (ticket === this.issued && uri === this.target && !this.disposed) this.deps.fail(uri, err);
    } finally {
      this.inFlight = false;
      if (this.again) {
        this.again = false;
        this.fire();
      }
    }
  }

  private isCurrent(ticket: number, uri: string, result: R | null): boolean {
    if (this.disposed || ticket !== this.issued || uri !== this.target) return false;
    return !(result && this.shown?.uri === uri && result.version < this.shown.version);
  }
}
