/**
 * Kernel, stride, pad and dilation per spatial axis, read from a ConvolutionParameter exactly as
 * BaseConvolutionLayer::LayerSetUp does (src/caffe/layers/base_conv_layer.cpp): `kernel_h`/`_w`
 * (2-D only) or `kernel_size` once or once per axis; stride and pad likewise with defaults 1 and 0;
 * dilation once or per axis, default 1. Shared by Convolution, Deconvolution and Im2col.
 */
import type { LayerModel } from '../../net/model';
import type { MessageView } from '../../schema/message-view';
import { at, check, fail, fieldSpan } from '../check';

export interface ConvGeometry {
  kernel: number[];
  stride: number[];
  pad: number[];
  dilation: number[];
}

function perAxis(
  layer: LayerModel,
  p: MessageView,
  name: string,
  hw: [string, string],
  spatial: number,
  fallback: number | undefined,
): number[] {
  if (p.has(hw[0]) || p.has(hw[1])) {
    const span = at(layer, p, hw[0], hw[1]);
    check(spatial === 2, 'shape-check', () => `${hw[0]} & ${hw[1]} can only be used for 2D convolution.`, span);
    check(p.numbers(name).length === 0, 'shape-check', () => `Either ${name} or ${hw[0]}/w should be specified; not both.`, span);
    return [p.number(hw[0]), p.number(hw[1])];
  }
  const given = p.numbers(name);
  const ok = given.length === 1 || given.length === spatial || (fallback !== undefined && given.length === 0);
  check(
    ok,
    'shape-check',
    () => `${name} must be specified once, or once per spatial dimension (${name} specified ${given.length} times; ${spatial} spatial dims).`,
    at(layer, p, name),
  );
  return Array.from({ length: spatial }, (_, i) => (given.length === 0 ? fallback! : given[given.length === 1 ? 0 : i]));
}

export function readConvGeometry(layer: LayerModel, p: MessageView, spatial: number): ConvGeometry {
  const kernel = perAxis(layer, p, 'kernel_size', ['kernel_h', 'kernel_w'], spatial, undefined);
  if (kernel.some((k) => k <= 0)) fail('shape-check', 'Filter dimensions must be nonzero.', kernelSpan(layer, p));
  const stride = perAxis(layer, p, 'stride', ['stride_h', 'stride_w'], spatial, 1);
  if (stride.some((s) => s <= 0)) fail('shape-check', 'Stride dimensions must be nonzero.', at(layer, p, 'stride', 'stride_h', 'stride_w'));
  const pad = perAxis(layer, p, 'pad', ['pad_h', 'pad_w'], spatial, 0);
  const dil = p.numbers('dilation');
  check(
    dil.length <= 1 || dil.length === spatial,
    'shape-check',
    () => `dilation must be specified once, or once per spatial dimension (dilation specified ${dil.length} times; ${spatial} spatial dims).`,
    at(layer, p, 'dilation'),
  );
  const dilation = Array.from({ length: spatial }, (_, i) => (dil.length === 0 ? 1 : dil[dil.length === 1 ? 0 : i]));
  return { kernel, stride, pad, dilation };
}

/** The span a kernel is written at, for diagnostics about its size. */
export function kernelSpan(layer: LayerModel, p: MessageView) {
  return fieldSpan(layer, p, 'kernel_size', 'kernel_h', 'kernel_w');
}
