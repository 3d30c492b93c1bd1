import type { Span } from './text/span';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** One text replacement; spans are offsets into the analysed text. */
export interface TextEdit {
  span: Span;
  newText: string;
}

export interface QuickFix {
  title: string;
  edits: TextEdit[];
  /** The fix an editor may apply on "auto fix" (one per diagnostic at most). */
  preferred?: boolean;
}

export interface RelatedInfo {
  span: Span;
  message: string;
}

/**
 * A finding of any pipeline stage. `code` is a stable kebab-case id (documented in the README);
 * `message` says what is wrong with the numbers involved, in Caffe's or protobuf's wording where
 * they have one.
 */
export interface Diagnostic {
  span: Span;
  severity: Severity;
  code: string;
  message: string;
  fixes?: QuickFix[];
  related?: RelatedInfo[];
  /** Rendered faded by editors (e.g. a top nobody reads). */
  unnecessary?: boolean;
}
