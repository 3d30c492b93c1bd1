/**
 * Custom LSP messages between the Prototxt Lens client and server, typed once for both sides.
 * Plain method-name constants and payload types only (no library import), so the client bundle
 * and the server bundle share them without pulling each other's dependencies.
 */

export interface InspectParams {
  uri: string;
}

/** `prototxtLens/inspect`: the same JSON report `caffe-lint inspect` prints for the document. */
export const InspectRequestMethod = 'prototxtLens/inspect';
export type InspectResult = Record<string, unknown> | null;
