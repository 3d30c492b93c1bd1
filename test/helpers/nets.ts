/** Nets written for tests and benchmarks. */

/**
 * `depth` 3×3 convolutions (pad 1), each followed by an in-place ReLU, on a `channels`×`size`×`size`
 * input; every convolution has `channels` outputs and the given weight_filler body.
 */
export function convReluStack(depth: number, filler: string, channels: number, size: number): string {
  const parts = ['name: "stack"', `layer { name: "data" type: "Input" top: "data" input_param { shape { dim: 1 dim: ${channels} dim: ${size} dim: ${size} } } }`];
  let bottom = 'data';
  for (let i = 1; i <= depth; i++) {
    parts.push(
      `layer { name: "conv${i}" type: "Convolution" bottom: "${bottom}" top: "conv${i}" convolution_param { num_output: ${channels} kernel_size: 3 pad: 1 weight_filler { ${filler} } } }`,
      `layer { name: "relu${i}" type: "ReLU" bottom: "conv${i}" top: "conv${i}" }`,
    );
    bottom = `conv${i}`;
  }
  return parts.join('\n') + '\n';
}
