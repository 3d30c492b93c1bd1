/**
 * Quick fixes shared by the filler rules: replace a written filler, insert a missing one into the
 * layer's parameter message (creating that message when the layer has none), and silence a code
 * for a layer with a disable comment.
 */
import type { QuickFix } from '../diagnostics';
import type { FillerSpec } from '../init/filler-spec';
import type { LayerModel } from '../net/model';
import type { MessageNode } from '../syntax/ast';
import type { LintContext } from './context';
import { indentBefore, insertFieldEdit, messageFieldText } from './edits';

/** `weight_filler { type: "msra" }` in place of the filler as written. */
export function replaceFillerFix(title: string, field: string, filler: FillerSpec, inner: string, preferred = true): QuickFix | undefined {
  if (!filler.fieldSpan) return undefined;
  return { title, edits: [{ span: filler.fieldSpan, newText: `${field} { ${inner} }` }], preferred };
}

/** The message node of a layer block, for V1 layers too (their view is synthesized). */
function layerNode(ctx: LintContext, layer: LayerModel): MessageNode | undefined {
  const own = layer.view.bound?.node;
  if (own) return own;
  if (!layer.span) return undefined;
  const field = ctx.syntax.fields.find((f) => f.span.start === layer.span!.start);
  return field?.value?.kind === 'message' ? field.value : undefined;
}

/** Insert `field { inner }` into the layer's `message` (e.g. convolution_param), creating the message if needed. */
export function insertFillerFix(ctx: LintContext, layer: LayerModel, message: string, field: string, inner: string, title: string): QuickFix | undefined {
  const written = layer.view.messages(message);
  const paramNode = written[written.length - 1]?.bound?.node;
  const fieldText = `${field} { ${inner} }`;
  if (paramNode) {
    // weight_filler reads best ahead of bias_filler, as Caffe's examples write them.
    const before = field === 'weight_filler' ? paramNode.fields.find((f) => f.name.text === 'bias_filler') : undefined;
    const edit = insertFieldEdit(ctx.text, paramNode, fieldText, before);
    return edit && { title, edits: [edit], preferred: true };
  }
  if (written.length > 0) return undefined; // written, but synthesized: no text to edit
  const node = layerNode(ctx, layer);
  if (!node) return undefined;
  const edit = insertFieldEdit(ctx.text, node, messageFieldText(ctx.text, node, message, fieldText));
  return edit && { title, edits: [edit], preferred: true };
}

/** `# prototxt-lens: disable=CODE` on its own line above the layer. */
export function disableFix(ctx: LintContext, layer: LayerModel | undefined, code: string): QuickFix | undefined {
  if (!layer?.span) return undefined;
  const at = layer.span.start;
  // Only for a layer that starts its line: a comment after other text would apply to that text.
  const indent = indentBefore(ctx.text, at);
  if (indent === undefined) return undefined;
  return { title: `Disable ${code} for layer "${layer.name}"`, edits: [{ span: { start: at, end: at }, newText: `# prototxt-lens: disable=${code}\n${indent}` }] };
}
