import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../core/analysis';
import type { AnalysisCache } from './analysis-cache';

/** What every handler needs: the connection, the open documents and their analyses. */
export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  cache: AnalysisCache;
  /** The analysis of an open document, or undefined for a uri the server does not hold. */
  analysisOf(uri: string): Analysis | undefined;
}

/**
 * Runs a request handler so that no input can take the server down: a thrown error is logged and
 * the request answered with `fallback`.
 */
export function guarded<P, R>(ctx: ServerContext, name: string, fallback: R, handler: (params: P) => R): (params: P) => R {
  return (params: P) => {
    try {
      return handler(params);
    } catch (err) {
      ctx.connection.console.error(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return fallback;
    }
  };
}
