/**
 * The messages between the variance preview panel (extension host) and its webview script
 * (media/src/preview). Types and plain constants only: the webview bundle imports this file too.
 */
import type { SignalResult } from '../../../server/src/protocol';

/** The webview panel's type id: the serializer and the `onWebviewPanel:` activation event name it. */
export const PREVIEW_VIEW_TYPE = 'prototxtLens.signalPreview';

/** When the data was made, so the webview can say how long an edit took to reach the screen (epoch ms). */
export interface UpdateTiming {
  /** The edit that produced this version reached the extension host (and, at once, the server). */
  editedAt?: number;
  requestedAt: number;
  answeredAt: number;
}

export type ToWebview =
  | { type: 'signal'; uri: string; file: string; result: SignalResult; timing: UpdateTiming }
  /** Nothing to plot: no prototxt file, the server has no analysis of it, or the request failed. */
  | { type: 'empty'; uri?: string; file?: string; message: string; fix?: string }
  /** The extension wants the chart as a PNG data URL (answered by `png`). */
  | { type: 'request-png'; id: number };

export type FromWebview =
  | { type: 'ready' }
  | { type: 'reveal'; layer: number }
  | { type: 'export-png' }
  | { type: 'export-csv' }
  | { type: 'png'; id: number; dataUrl: string | null };

/** What the webview keeps with `vscode.setState`, and the serializer reads back after a reload. */
export interface PreviewState {
  /** The document the panel follows. */
  uri?: string;
  /** Scheme ids whose curves are switched off. */
  hiddenSchemes: string[];
  showForward: boolean;
  showBackward: boolean;
}

export const DEFAULT_PREVIEW_STATE: PreviewState = { hiddenSchemes: [], showForward: true, showBackward: true };
