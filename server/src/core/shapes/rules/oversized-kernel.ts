/**
 * One finding per layer for a kernel larger than its padded input, however many axes it affects
 * (a square kernel would otherwise be reported once per axis at the same place).
 */
import type { Diagnostic } from '../../diagnostics';
import type { Span } from '../../text/span';
import { finding } from '../check';

export interface OversizedAxis {
  axis: number;
  /** e.g. "kernel extent 7 is larger than the padded input 5 (5 + 2·0)" */
  what: string;
  /** The size Caffe computes along this axis. */
  out: number;
}

function axesText(axes: number[]): string {
  return axes.length === 1 ? `axis ${axes[0]}` : `axes ${axes.slice(0, -1).join(', ')} and ${axes[axes.length - 1]}`;
}

/**
 * An error when some axis comes out empty or negative, else a warning naming what Caffe still
 * makes (`stillMakes` says how: "from the padding", "with its ceil rounding").
 */
export function oversizedKernelFinding(layerName: string, span: Span, axes: OversizedAxis[], stillMakes: string): Diagnostic | undefined {
  if (axes.length === 0) return undefined;
  const groups = new Map<string, OversizedAxis[]>();
  for (const a of axes) {
    const key = `${a.what}|${a.out}`;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  const parts = [...groups.values()].map((g) => ({ out: g[0].out, text: `${g[0].what} along ${axesText(g.map((a) => a.axis))}` }));
  const empty = parts.filter((p) => p.out <= 0);
  if (empty.length > 0) {
    const sizes = [...new Set(empty.map((p) => p.out))].join(' and ');
    return finding(span, 'error', 'kernel-exceeds-input', `Output size ${sizes} for '${layerName}': ${empty.map((p) => p.text).join('; ')}.`);
  }
  const made = parts.map((p) => `${p.text}, giving ${p.out}`).join('; ');
  return finding(span, 'warning', 'kernel-exceeds-input', `In '${layerName}' the ${made} — Caffe still makes ${parts.length === 1 && parts[0].out === 1 ? 'one output' : 'these outputs'} ${stillMakes}.`);
}
