import * as assert from 'node:assert/strict';
import { errorOf, runRule, topOf } from './shape-helpers';

describe('shapes: data layers (data_layer.cpp, image_data_layer.cpp, window_data_layer.cpp, data_transformer.cpp)', () => {
  it('Data: batch_size and crop_size are known, the channels come from the database', () => {
    const run = runRule('type: "Data" top: "data" top: "label" transform_param { crop_size: 227 } data_param { source: "db" batch_size: 32 }', []);
    assert.deepEqual(run.tops, [[32, null, 227, 227], [32]]);
  });

  it('Data without crop_size knows only the batch', () => {
    assert.deepEqual(topOf('type: "Data" data_param { batch_size: 64 }', []), [64, null, null, null]);
  });

  it('Data with no batch_size warns that every batch is empty', () => {
    assert.match(runRule('type: "Data" name: "d"', []).findings[0], /^zero-batch: batch_size is 0 \(not set\): every batch 'd' produces is empty\.$/);
  });

  it('ImageData: 3 channels (1 without is_color), new_height/new_width, crop_size wins', () => {
    assert.deepEqual(topOf('type: "ImageData" image_data_param { batch_size: 8 new_height: 256 new_width: 320 }', []), [8, 3, 256, 320]);
    assert.deepEqual(topOf('type: "ImageData" transform_param { crop_size: 224 } image_data_param { batch_size: 8 new_height: 256 new_width: 256 }', []), [8, 3, 224, 224]);
    assert.deepEqual(topOf('type: "ImageData" image_data_param { batch_size: 8 is_color: false }', []), [8, 1, null, null]);
    assert.equal(
      errorOf('type: "ImageData" image_data_param { new_height: 256 }', []),
      'shape-check: Current implementation requires new_height and new_width to be set at the same time.',
    );
  });

  it('WindowData: crop_size square, channels from the window file; crop_size required', () => {
    assert.deepEqual(runRule('type: "WindowData" top: "data" top: "label" transform_param { crop_size: 227 } window_data_param { batch_size: 128 }', []).tops, [[128, null, 227, 227], [128]]);
    assert.match(errorOf('type: "WindowData" window_data_param { batch_size: 128 }', []), /crop_size/);
  });

  it('MemoryData: every axis from memory_data_param, label (batch) (memory_data_layer.cpp)', () => {
    assert.deepEqual(runRule('type: "MemoryData" top: "data" top: "label" memory_data_param { batch_size: 10 channels: 3 height: 28 width: 28 }', []).tops, [[10, 3, 28, 28], [10]]);
    assert.equal(
      errorOf('type: "MemoryData" memory_data_param { batch_size: 10 height: 28 width: 28 }', []),
      'shape-check: batch_size, channels, height, and width must be specified and positive in memory_data_param',
    );
  });

  it('DummyData: one shape for all tops or one per top, or the legacy num/channels/height/width (dummy_data_layer.cpp)', () => {
    assert.deepEqual(runRule('type: "DummyData" top: "a" top: "b" dummy_data_param { shape { dim: 2 dim: 3 } }', []).tops, [[2, 3], [2, 3]]);
    assert.deepEqual(runRule('type: "DummyData" top: "a" top: "b" dummy_data_param { shape { dim: 2 } shape { dim: 4 dim: 5 } }', []).tops, [[2], [4, 5]]);
    assert.deepEqual(runRule('type: "DummyData" top: "a" top: "b" dummy_data_param { num: 5 num: 6 channels: 3 height: 8 width: 9 }', []).tops, [[5, 3, 8, 9], [6, 3, 8, 9]]);
    assert.equal(errorOf('type: "DummyData" dummy_data_param { num: 5 shape { dim: 1 } }', []), 'shape-check: Both shape and legacy fields were specified');
    assert.match(errorOf('type: "DummyData" top: "a" top: "b" top: "c" dummy_data_param { shape { dim: 1 } shape { dim: 2 } }', []), /Must specify 'shape' once, or once per top blob \(3\); specified 2/);
  });

  it('Input: the stated shapes, once or per top (input_layer.cpp)', () => {
    assert.deepEqual(runRule('type: "Input" top: "a" top: "b" input_param { shape { dim: 1 dim: 3 dim: 224 dim: 224 } }', []).tops, [[1, 3, 224, 224], [1, 3, 224, 224]]);
    assert.deepEqual(runRule('type: "Input" top: "a"', []).tops, [undefined]);
  });

  it('HDF5Data and Python say why they are unknown', () => {
    const hdf5 = runRule('type: "HDF5Data" top: "data" top: "label" hdf5_data_param { source: "list.txt" batch_size: 10 }', []);
    assert.deepEqual(hdf5.tops, [undefined, undefined]);
    const python = runRule('type: "Python" top: "rois" python_param { module: "rpn.proposal_layer" layer: "ProposalLayer" }', [[1, 18, 14, 14]]);
    assert.deepEqual(python.tops, [undefined]);
  });
});
