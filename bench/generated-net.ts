/** The benchmark's big input: a net of about `bytes` size made of ordinary conv/ReLU layers. */
import { join } from 'node:path';
import { corpusDir } from '../test/helpers/paths';

export const RESNET152 = join(corpusDir, 'kaiminghe-deep-residual-networks/prototxt/ResNet-152-deploy.prototxt');

export function generatedNet(bytes: number): string {
  const parts = ['name: "generated"\ninput: "data"\ninput_shape { dim: 1 dim: 3 dim: 64 dim: 64 }\n'];
  let size = parts[0].length;
  let prev = 'data';
  for (let i = 0; size < bytes; i++) {
    const block = `layer {\n  name: "conv${i}"\n  type: "Convolution"\n  bottom: "${prev}"\n  top: "conv${i}"\n  param { lr_mult: 1 decay_mult: 1 }\n  convolution_param {\n    num_output: 16\n    kernel_size: 3\n    pad: 1\n    weight_filler { type: "msra" }\n    bias_filler { type: "constant" value: 0 }\n  }\n}\nlayer {\n  name: "relu${i}"\n  type: "ReLU"\n  bottom: "conv${i}"\n  top: "conv${i}"\n}\n`;
    parts.push(block);
    size += block.length;
    prev = `conv${i}`;
  }
  return parts.join('');
}
