/**
 * The variance preview: one webview panel beside the editor that plots the signal analysis of the
 * prototxt document it follows. It asks the server (`prototxtLens/signal`) through a debounced
 * updater, hands the answers to its webview, and carries out what the webview asks for
 * (reveal a layer, export). The webview script lives in media/src/preview.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SignalRequestMethod, type SignalParams, type SignalResult } from '../../../server/src/protocol';
import { exportChartPng, exportDataCsv } from './export';
import { makeNonce, previewHtml } from './html';
import { revealLayer } from './reveal-layer';
import { SignalUpdater, type Timing } from './updater';
import { PREVIEW_VIEW_TYPE, type FromWebview, type ToWebview } from './webview-messages';

/** How long the preview waits after a keystroke before it asks again (more keystrokes restart it). */
export const EDIT_DEBOUNCE_MS = 25;

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    // The script, stylesheet and icons are all under media/ (the script bundle in media/dist/).
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export class SignalPreviewPanel {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly updater: SignalUpdater<SignalResult>;
  private document: vscode.Uri | undefined;
  private lastResult: SignalResult | undefined;
  private lastPosted: string | undefined;
  private lastMessage: ToWebview | undefined;
  private pngRequests = new Map<number, (dataUrl: string | null) => void>();
  private nextPngRequest = 1;
  /**
   * The page has said 'ready' since it was last loaded. A message posted before that can be
   * dropped (seen in code-server under load), so requests that need an answer wait for it.
   */
  private pageReady = false;
  private readyWaiters: ((ready: boolean) => void)[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;

  /** Opens a new panel beside the active editor. */
  static create(extensionUri: vscode.Uri, client: LanguageClient): SignalPreviewPanel {
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      'Signal Variance',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      webviewOptions(extensionUri),
    );
    return new SignalPreviewPanel(panel, extensionUri, client);
  }

  /** Takes over a panel that VS Code restored after a reload (see serializer.ts). */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, client: LanguageClient): SignalPreviewPanel {
    panel.webview.options = webviewOptions(extensionUri);
    return new SignalPreviewPanel(panel, extensionUri, client);
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly client: LanguageClient,
  ) {
    this.updater = new SignalUpdater<SignalResult>({
      delayMs: EDIT_DEBOUNCE_MS,
      isLive: () => this.panel.visible,
      request: (uri) => this.client.sendRequest<SignalResult | null>(SignalRequestMethod, { uri } satisfies SignalParams),
      deliver: (uri, result, timing) => this.deliver(uri, result, timing),
      fail: (uri, err) => this.post({
        type: 'empty',
        uri,
        file: this.fileName(),
        message: `The language server did not answer: ${err instanceof Error ? err.message : String(err)}`,
        fix: 'If it stays this way, run "Prototxt Lens: Restart Language Server".',
      }),
    });
    panel.webview.html = this.html();
    // No refresh on becoming visible: a hidden webview is unloaded (no retainContextWhenHidden, to
    // spare memory), so showing it again loads the page, whose 'ready' asks for fresh data.
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: FromWebview) => this.onMessage(m)),
      // Hidden, the page is unloaded; shown again, it loads anew and says 'ready' again.
      panel.onDidChangeViewState((e) => {
        if (!e.webviewPanel.visible) this.pageReady = false;
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** The document the panel follows. */
  get uri(): vscode.Uri | undefined {
    return this.document;
  }

  get result(): SignalResult | undefined {
    return this.lastResult;
  }

  follow(doc: vscode.TextDocument): void {
    if (this.document?.toString() !== doc.uri.toString()) {
      this.document = doc.uri;
      this.lastResult = undefined;
      this.lastPosted = undefined;
      this.panel.title = `Signal Variance: ${this.fileName()}`;
    }
    this.updater.follow(this.protocolUri(doc.uri));
  }

  /** A text change in some document: the followed one is asked for again after the debounce. */
  documentChanged(doc: vscode.TextDocument): void {
    if (doc.uri.toString() === this.document?.toString()) this.updater.changed(this.protocolUri(doc.uri), doc.version);
  }

  /** The server re-analysed a document (an edit or a settings change): ask again if it is ours. */
  analysisChanged(uri: string): void {
    if (this.document && uri === this.protocolUri(this.document)) this.updater.refresh();
  }

  refresh(): void {
    this.updater.refresh();
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  /** The chart as a PNG, drawn by the webview (null if it has nothing drawn, or does not load in time). */
  async chartPng(timeoutMs = 10000): Promise<string | null> {
    const deadline = Date.now() + timeoutMs;
    if (!(await this.loaded(timeoutMs))) return null;
    return this.requestPng(deadline);
  }

  private requestPng(deadline: number): Promise<string | null> {
    const id = this.nextPngRequest++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pngRequests.delete(id);
        resolve(null);
      }, Math.max(0, deadline - Date.now()));
      this.pngRequests.set(id, (dataUrl) => {
        clearTimeout(timer);
        resolve(dataUrl);
      });
      void this.panel.webview.postMessage({ type: 'request-png', id } satisfies ToWebview);
    });
  }

  /** Resolves true once the page is ready (at once if it is), false after `timeoutMs` or when the panel closes. */
  private loaded(timeoutMs: number): Promise<boolean> {
    if (this.pageReady) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ready: boolean) => {
        clearTimeout(timer);
        resolve(ready);
      };
      const timer = setTimeout(() => {
        this.readyWaiters = this.readyWaiters.filter((w) => w !== done);
        resolve(false);
      }, timeoutMs);
      this.readyWaiters.push(done);
    });
  }

  async exportPng(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    return exportChartPng(this, target);
  }

  async exportCsv(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    return exportDataCsv(this, target);
  }

  dispose(): void {
    this.updater.dispose();
    for (const resolve of this.pngRequests.values()) resolve(null);
    this.pngRequests.clear();
    for (const waiter of this.readyWaiters.splice(0)) waiter(false);
    while (this.disposables.length) this.disposables.pop()?.dispose();
    this.panel.dispose();
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
  }

  fileName(): string {
    return this.document ? path.posix.basename(this.document.path) : '';
  }

  private protocolUri(uri: vscode.Uri): string {
    return this.client.code2ProtocolConverter.asUri(uri);
  }

  private html(): string {
    const { webview } = this.panel;
    const media = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', ...p)).toString();
    return previewHtml({
      cspSource: webview.cspSource,
      scriptUri: media('dist', 'preview.js'),
      styleUri: media('preview.css'),
      nonce: makeNonce(),
    });
  }

  private deliver(uri: string, result: SignalResult | null, timing: Timing): void {
    if (!result) {
      this.lastResult = undefined;
      this.lastPosted = undefined;
      this.post({
        type: 'empty',
        uri,
        file: this.fileName(),
        message: `Prototxt Lens has no analysis of ${this.fileName() || 'this file'}.`,
        fix: 'Open it in an editor as a prototxt file (the language mode in the status bar says "Caffe Prototxt").',
      });
      return;
    }
    this.lastResult = result;
    // The same data again (the server re-analysed an unchanged text): nothing to repaint.
    const json = JSON.stringify(result);
    if (json === this.lastPosted) return;
    this.lastPosted = json;
    this.post({ type: 'signal', uri, file: this.fileName(), result, timing });
  }

  private post(message: ToWebview): void {
    this.lastMessage = message;
    if (message.type === 'empty') this.lastPosted = undefined;
    void this.panel.webview.postMessage(message);
  }

  private onMessage(m: FromWebview): void {
    switch (m?.type) {
      case 'ready': {
        // A (re)loaded webview: show what we have at once, then make sure it is current.
        this.pageReady = true;
        if (this.lastMessage) void this.panel.webview.postMessage(this.lastMessage);
        this.updater.refresh();
        for (const waiter of this.readyWaiters.splice(0)) waiter(true);
        break;
      }
      case 'reveal':
        if (this.document && this.lastResult) void revealLayer(this.document, this.lastResult.layers[m.layer]);
        break;
      case 'export-png':
        void this.exportPng();
        break;
      case 'export-csv':
        void this.exportCsv();
        break;
      case 'png':
        this.pngRequests.get(m.id)?.(typeof m.dataUrl === 'string' ? m.dataUrl : null);
        this.pngRequests.delete(m.id);
        // No chart although we posted data: a message sent while the page was still loading can be
        // dropped (seen under load in code-server), so send what it should show again.
        if (typeof m.dataUrl !== 'string' && this.lastMessage?.type === 'signal') void this.panel.webview.postMessage(this.lastMessage);
        break;
    }
  }
}
