/**
 * Layers that start the net. What they read from disk (a database's channels, an image's size,
 * an HDF5 file's axes) is unknown here and stays null / undefined: never guessed.
 *   Data (data_layer.cpp):              (batch_size, C?, crop|H?, crop|W?), label (batch_size)
 *   ImageData (image_data_layer.cpp):   (batch_size, is_color ? 3 : 1, crop|new_height|?, crop|new_width|?)
 *   WindowData (window_data_layer.cpp): (batch_size, C?, crop, crop), label (batch_size)
 *   MemoryData (memory_data_layer.cpp): (batch_size, channels, height, width), label (batch_size)
 *   DummyData (dummy_data_layer.cpp):   `shape`, or legacy num/channels/height/width, once or per top
 *   Input (input_layer.cpp):            `shape`, once or per top
 *   HDF5Data, Python:                   unknown
 * The crop comes from transform_param (DataTransformer::InferBlobShape, data_transformer.cpp).
 */
import type { LayerModel } from '../../net/model';
import type { MessageView } from '../../schema/message-view';
import type { Span } from '../../text/span';
import { at, check, fieldSpan, finding, layerSpan, type Lazy } from '../check';
import type { Dim, Dims, ShapeRule, ShapeRuleOutput } from '../types';

/**
 * transform_param.crop_size. Caffe's upgrade moves a V1 layer's `<x>_param.crop_size` there
 * (upgrade_proto.cpp UpgradeNetDataTransformation); read it directly in case the view kept it.
 */
function cropSize(layer: LayerModel, legacy: MessageView): number {
  const t = layer.view.message('transform_param');
  if (t.has('crop_size') || layer.format === 'v2') return t.number('crop_size');
  return legacy.has('crop_size') ? legacy.number('crop_size') : 0;
}

function batchSize(layer: LayerModel, p: MessageView): number {
  const n = p.number('batch_size');
  check(n > 0, 'shape-check', () => `Positive batch size required (batch_size is ${n}).`, at(layer, p, 'batch_size'));
  return n;
}

/** Image tops plus the optional label top (batch_size). */
function imageAndLabel(layer: LayerModel, image: Dims, reason?: string): ShapeRuleOutput {
  const tops = layer.tops.map((_, i) => (i === 0 ? image : [image[0]]));
  return reason && image.includes(null) ? { tops, unknownReason: reason } : { tops };
}

function source(p: MessageView): string {
  const s = p.string('source');
  return s ? ` '${s}'` : '';
}

export const data: ShapeRule = ({ layer }) => {
  const p = layer.view.message('data_param');
  const crop = cropSize(layer, p);
  const hw: Dim = crop > 0 ? crop : null;
  const what = crop > 0 ? 'channel count' : 'channel count, height and width';
  // data_layer.cpp has no batch-size CHECK: a missing batch_size silently gives empty batches.
  const n = p.number('batch_size');
  const out = imageAndLabel(layer, [n, null, hw, hw], `Data reads its ${what} from the database${source(p)}`);
  if (n === 0) out.diagnostics = [finding(fieldSpan(layer, p, 'batch_size'), 'warning', 'zero-batch', `batch_size is 0${p.has('batch_size') ? '' : ' (not set)'}: every batch '${layer.name}' produces is empty.`)];
  return out;
};

export const imageData: ShapeRule = ({ layer }) => {
  const p = layer.view.message('image_data_param');
  const [nh, nw] = [p.number('new_height'), p.number('new_width')];
  check(
    (nh === 0 && nw === 0) || (nh > 0 && nw > 0),
    'shape-check',
    'Current implementation requires new_height and new_width to be set at the same time.',
    at(layer, p, 'new_height', 'new_width'),
  );
  const crop = cropSize(layer, p);
  const [h, w]: Dim[] = crop > 0 ? [crop, crop] : nh > 0 ? [nh, nw] : [null, null];
  const image: Dims = [batchSize(layer, p), p.bool('is_color') ? 3 : 1, h, w];
  return imageAndLabel(layer, image, `ImageData takes height and width from the first image listed in${source(p)}; set new_height/new_width or a crop_size`);
};

export const windowData: ShapeRule = ({ layer }) => {
  const p = layer.view.message('window_data_param');
  const crop = cropSize(layer, p);
  check(crop > 0, 'shape-check', 'WindowData needs transform_param { crop_size } (Check failed: crop_size > 0).', layerSpan(layer));
  return imageAndLabel(layer, [p.number('batch_size'), null, crop, crop], `WindowData reads the channel count from its window file${source(p)}`);
};

export const memoryData: ShapeRule = ({ layer }) => {
  const p = layer.view.message('memory_data_param');
  const dims = ['batch_size', 'channels', 'height', 'width'].map((f) => p.number(f));
  check(
    dims.every((d) => d > 0),
    'shape-check',
    'batch_size, channels, height, and width must be specified and positive in memory_data_param',
    p.span ?? layerSpan(layer),
  );
  return imageAndLabel(layer, dims);
};

function blobShape(layer: LayerModel, shape: MessageView): Dims {
  const dims = shape.numbers('dim');
  check(dims.every((d) => d >= 0), 'shape-check', () => `Blob dimensions must be non-negative: ${dims.join(' ')}.`, shape.span ?? layerSpan(layer));
  return dims;
}

/** `shape` given once (every top), once per top, or — for Input only — not at all. */
function shapesPerTop(layer: LayerModel, shapes: MessageView[], allowNone: boolean, span: Lazy<Span>): (Dims | undefined)[] {
  const n = layer.tops.length;
  const ok = shapes.length === 1 || shapes.length === n || (allowNone && shapes.length === 0);
  check(ok, 'shape-check', () => `Must specify 'shape' once, or once per top blob (${n}); specified ${shapes.length}.`, span);
  return layer.tops.map((_, i) => (shapes.length === 0 ? undefined : blobShape(layer, shapes[shapes.length === 1 ? 0 : i])));
}

export const input: ShapeRule = ({ layer }) => {
  const p = layer.view.message('input_param');
  const shapes = p.messages('shape');
  // Net-level inputs (format 'input') pair input_shape i with input i; the net stage reports a
  // count that does not match, so read what is there rather than fail again.
  const tops =
    layer.format === 'input'
      ? layer.tops.map((_, i) => (shapes[i] ? blobShape(layer, shapes[i]) : undefined))
      : shapesPerTop(layer, shapes, true, at(layer, p, 'shape'));
  return tops.some((t) => !t) ? { tops, unknownReason: 'the net states no shape for it' } : { tops };
};

export const dummyData: ShapeRule = ({ layer }) => {
  const p = layer.view.message('dummy_data_param');
  const n = layer.tops.length;
  const fillers = p.messages('data_filler').length;
  check(
    fillers === 0 || fillers === 1 || fillers === n,
    'shape-check',
    () => `Number of data fillers must be 0, 1 or equal to the number of tops: ${n}; you specified ${fillers} data fillers.`,
    at(layer, p, 'data_filler'),
  );
  const legacy = ['num', 'channels', 'height', 'width'];
  if (!legacy.some((f) => p.has(f))) return { tops: shapesPerTop(layer, p.messages('shape'), false, at(layer, p, 'shape')) };
  check(p.messages('shape').length === 0, 'shape-check', 'Both shape and legacy fields were specified', at(layer, p, 'shape'));
  const lists = legacy.map((f) => {
    const v = p.numbers(f);
    check(v.length === 1 || v.length === n, 'shape-check', () => `Must specify '${f}' once, or once per top blob (${n}); specified ${v.length}.`, at(layer, p, f));
    return v;
  });
  return { tops: layer.tops.map((_, i) => lists.map((v) => v[v.length === 1 ? 0 : i])) };
};

export const hdf5Data: ShapeRule = ({ layer }) => ({
  tops: layer.tops.map(() => undefined),
  unknownReason: `HDF5Data reads every axis but the batch from the HDF5 files listed in${source(layer.view.message('hdf5_data_param'))}`,
});

export const python: ShapeRule = ({ layer }) => ({
  tops: layer.tops.map(() => undefined),
  unknownReason: `a Python layer's tops are shaped by its code (${layer.view.message('python_param').string('module') || 'module not named'})`,
});
