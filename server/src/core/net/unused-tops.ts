/**
 * Tops nobody uses. Every blob no later layer reads is a net output, and in a deploy net the outputs
 * are the point; but in a net with a loss, an output that carries no loss weight and is not a
 * metric (Accuracy, or a loss layer kept for monitoring with loss_weight 0) does nothing for training — Caffe only logs its values every display step (a
 * whole `label` batch, say). Those are reported as hints, faded: remove the top, or feed it to a
 * Silence layer. Layers whose type Caffe's registry does not describe (Python, custom types) are
 * left alone, since their outputs may be figures their code reports.
 */
import type { Diagnostic } from '../diagnostics';
import { layerTypeInfo } from './layer-types';
import type { BlobInfo, LayerModel, Phase } from './model';

export function findUnusedTops(layers: LayerModel[], blobs: Map<string, BlobInfo>, outputs: string[], phase: Phase): Diagnostic[] {
  const hasLoss = layers.some((l) => l.lossWeights.some((w) => w !== 0));
  if (!hasLoss) return [];
  const out: Diagnostic[] = [];
  for (const name of outputs) {
    const last = blobs.get(name)!.producers.at(-1)!;
    const layer = layers[last.layer];
    const info = layerTypeInfo(layer.type);
    const span = layer.tops[last.slot]?.span;
    if (!info || info.metric || info.loss || layer.type === 'Python' || !span || (layer.lossWeights[last.slot] ?? 0) !== 0) continue;
    out.push({
      span,
      severity: 'hint',
      code: 'unused-top',
      message:
        `No layer of the ${phase} net reads '${name}' and it carries no loss weight, so it does nothing for training; ` +
        'Caffe only logs it as a net output. Remove the top or feed it to a Silence layer.',
      unnecessary: true,
    });
  }
  return out;
}
