/**
 * Hover inside a `weight_filler` / `bias_filler` / `filler`: the blob it fills, Caffe's fan_in and
 * fan_out (filler.hpp's definition; a note where the layout reverses them), the filler's mean,
 * variance and std or bound, and the variances Caffe's xavier, Glorot and He would give, each with
 * its ratio to the filler's. Numbers to 4 significant digits.
 */
import type { Analysis } from '../analysis';
import type { LayerInit, ParamInit } from '../init/analyze-init';
import type { Spread } from '../init/filler-stats';
import { describeNonlinearity, type Nonlinearity } from '../init/following-nonlinearity';
import { normDivisor } from '../init/fans';
import { referenceVariances } from '../init/reference-variances';
import { describeFiller } from '../lint/describe-filler';
import { shapeText, sig4 } from '../text/significant';
import { spanContains } from '../text/span';
import type { HoverResult } from './field-hover';

const NO_NONLINEARITY: Nonlinearity = { kind: 'none', through: [], normalized: false };

function spreadRow(s: Spread): string {
  switch (s.kind) {
    case 'std':
      return `| std | ${sig4(s.std)} |`;
    case 'bound':
      return `| bound | ±${sig4(s.bound)} |`;
    case 'range':
      return `| range | [${sig4(s.min)}, ${sig4(s.max)}] |`;
    case 'value':
      return `| value | ${sig4(s.value)} (every element) |`;
    case 'kernel':
      return `| kernel | fixed ${s.size}×${s.size} bilinear interpolation |`;
  }
}

function ratio(reference: number, variance: number | undefined): string {
  if (variance === undefined) return '?';
  if (variance === 0) return '— (filler variance 0)';
  return `${sig4(reference / variance)}×`;
}

function findParam(a: Analysis, offset: number): { layerInit: LayerInit; param: ParamInit } | undefined {
  for (const layerInit of a.init?.layers ?? []) {
    for (const param of layerInit.params) {
      if (param.filler?.fieldSpan && spanContains(param.filler.fieldSpan, offset)) return { layerInit, param };
    }
  }
  return undefined;
}

export function fillerHover(a: Analysis, offset: number): HoverResult | undefined {
  const found = findParam(a, offset);
  if (!found) return undefined;
  const { layerInit, param } = found;
  const f = param.filler!;
  const layer = layerInit.layer;
  const blobName = param.caffeName ?? param.role;
  const lines = [
    `**${param.fillerField}** of ${layer.name} (${layer.type}): ${blobName} ${param.shape ? shapeText(param.shape) : 'of unknown shape'}`,
    '',
    '| | |',
    '|---|---|',
  ];
  if (param.fans) {
    lines.push(`| fan_in | ${param.fans.fanIn} |`, `| fan_out | ${param.fans.fanOut} |`);
  } else {
    lines.push('| fan_in, fan_out | unknown (the blob\'s shape is unknown) |');
  }
  lines.push(`| filler | ${describeFiller(f)} |`);
  const s = param.stats;
  if (s) {
    lines.push(`| mean | ${sig4(s.mean)} |`, `| variance | ${sig4(s.variance)} |`, spreadRow(s.spread));
  } else {
    lines.push('| mean, variance | unknown |');
  }
  const r = param.fans && referenceVariances(param.fans, f.varianceNorm, (param.role === 'weight' && layerInit.following) || NO_NONLINEARITY);
  if (r && param.fans) {
    const n = normDivisor(param.fans, f.varianceNorm);
    const heLabel = r.heSlope ? `He 2/((1+a²)·fan_in), a = ${sig4(r.heSlope)}` : 'He 2/fan_in';
    lines.push(
      '',
      '| scheme | variance | ÷ filler\'s |',
      '|---|---|---|',
      `| Caffe xavier 1/n (${f.varianceNorm}, n = ${sig4(n)}) | ${sig4(r.caffeXavier)} | ${ratio(r.caffeXavier, s?.variance)} |`,
      `| Glorot 2/(fan_in+fan_out) | ${sig4(r.glorot)} | ${ratio(r.glorot, s?.variance)} |`,
      `| ${heLabel} | ${sig4(r.he)} | ${ratio(r.he, s?.variance)} |`,
    );
  }
  const notes = ['fan_in = count/shape(0), fan_out = count/shape(1): Caffe\'s definition (filler.hpp).'];
  if (param.fansNote) notes.push(param.fansNote);
  if (!f.written && f.layerDefault) notes.push(`${f.layerDefault}.`);
  if (param.role === 'weight' && layerInit.following) {
    const n = layerInit.following;
    const through = n.through.length ? ` through ${n.through.join(', ')}` : '';
    notes.push(`Followed by ${n.kind === 'none' ? 'no nonlinearity' : describeNonlinearity(n)}${n.layer && n.kind !== 'none' ? ` (${n.layer})` : ''}${through}.`);
    if (n.normalized) notes.push('A BatchNorm renormalises this output during training, so the filler\'s scale matters little there.');
  }
  lines.push('', notes.join('  \n'));
  return { markdown: lines.join('\n'), span: f.fieldSpan! };
}
