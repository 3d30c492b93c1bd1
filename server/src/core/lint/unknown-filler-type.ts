/**
 * unknown-filler-type: GetFiller (include/caffe/filler.hpp) aborts on any type it does not know
 * ("Unknown filler name: …"), so Caffe cannot even build the net. With a did-you-mean fix.
 */
import type { Diagnostic } from '../diagnostics';
import { isKnownFillerType, KNOWN_FILLER_TYPES } from '../init/filler-stats';
import { closestName } from '../text/suggest';
import { defaultSeverity } from './codes';
import type { LintContext, LintRule } from './context';
import { fillerSites } from './filler-sites';

const CODE = 'unknown-filler-type';

function run(ctx: LintContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { filler } of fillerSites(ctx.root)) {
    if (!filler.has('type')) continue;
    const type = filler.string('type');
    if (isKnownFillerType(type)) continue;
    const spans = filler.valueSpans('type');
    const span = spans[spans.length - 1];
    const suggestion = closestName(type, KNOWN_FILLER_TYPES);
    let message = `Unknown filler name: ${type}. Caffe aborts when it builds the net (GetFiller knows ${KNOWN_FILLER_TYPES.join(', ')}).`;
    if (suggestion) message += ` Did you mean "${suggestion}"?`;
    const quote = ctx.text[span.start] === "'" ? "'" : '"';
    out.push({
      span,
      severity: defaultSeverity(CODE),
      code: CODE,
      message,
      ...(suggestion ? { fixes: [{ title: `Change to "${suggestion}"`, edits: [{ span, newText: `${quote}${suggestion}${quote}` }], preferred: true }] } : {}),
    });
  }
  return out;
}

export const unknownFillerType: LintRule = { name: CODE, run };
