/** The API VS Code gives a webview script (acquireVsCodeApi may be called once per load). */
import type { FromWebview, PreviewState } from '../../../client/src/preview/webview-messages';

interface WebviewApi {
  postMessage(message: FromWebview): void;
  getState(): Partial<PreviewState> | undefined;
  setState(state: PreviewState): void;
}

declare function acquireVsCodeApi(): WebviewApi;

export const vscode: WebviewApi = acquireVsCodeApi();
