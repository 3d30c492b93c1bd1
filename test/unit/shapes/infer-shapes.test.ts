import * as assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analysis';
import { blob, netShapes, shapeFindings, withInput } from './shape-helpers';

const conv = (name: string, bottom: string, top: string, p: string) =>
  `layer { name: "${name}" type: "Convolution" bottom: "${bottom}" top: "${top}" convolution_param { ${p} } }`;
const relu = (blobName: string) => `layer { name: "relu_${blobName}" type: "ReLU" bottom: "${blobName}" top: "${blobName}" }`;

describe('shapes: walking a net (infer-shapes.ts)', () => {
  it('follows a small net from its Input, in-place layers included', () => {
    const text = withInput(
      [1, 3, 32, 32],
      [
        conv('conv1', 'data', 'conv1', 'num_output: 8 kernel_size: 3 pad: 1'),
        relu('conv1'),
        'layer { name: "pool1" type: "Pooling" bottom: "conv1" top: "pool1" pooling_param { kernel_size: 2 stride: 2 } }',
        'layer { name: "fc" type: "InnerProduct" bottom: "pool1" top: "fc" inner_product_param { num_output: 10 } }',
        'layer { name: "prob" type: "Softmax" bottom: "fc" top: "prob" }',
      ].join('\n'),
    );
    const r = netShapes(text);
    // conv: (32 + 2 − 3)/1 + 1 = 32; pool: ceil((32 − 2)/2) + 1 = 16; fc: K = 8·16·16 = 2048
    assert.deepEqual(blob(r, 'conv1'), [1, 8, 32, 32]);
    assert.deepEqual(blob(r, 'pool1'), [1, 8, 16, 16]);
    assert.deepEqual(blob(r, 'prob'), [1, 10]);
    const fc = r.layers.find((l) => l.layer.name === 'fc')!;
    assert.deepEqual(fc.params.map((p) => p.shape), [[10, 2048], [10]]);
    assert.deepEqual(fc.bottoms, [[1, 8, 16, 16]]);
    assert.deepEqual(shapeFindings(r), []);
  });

  it('reads net-level inputs (input + input_dim) as the Input layer Caffe makes', () => {
    const text = 'input: "data"\ninput_dim: 10\ninput_dim: 3\ninput_dim: 227\ninput_dim: 227\n' + conv('conv1', 'data', 'conv1', 'num_output: 96 kernel_size: 11 stride: 4');
    assert.deepEqual(blob(netShapes(text), 'conv1'), [10, 96, 55, 55]);
  });

  it('reads legacy V1 layers, crop_size in data_param included', () => {
    const text = `layers { name: "data" type: DATA top: "data" top: "label" data_param { source: "db" batch_size: 10 crop_size: 227 } }
layers { name: "conv1" type: CONVOLUTION bottom: "data" top: "conv1" convolution_param { num_output: 96 kernel_size: 11 stride: 4 } }`;
    const r = netShapes(text);
    assert.deepEqual(blob(r, 'data'), [10, null, 227, 227]);
    assert.deepEqual(blob(r, 'conv1'), [10, 96, 55, 55]);
    assert.deepEqual(r.layers[1].params[0].dims, [96, null, 11, 11]);
  });

  it('keeps unknown downstream and says so once, where it starts, naming the setting and the comment', () => {
    const text = `layer { name: "rpn" type: "Python" top: "rois" python_param { module: "rpn.proposal_layer" layer: "P" } }
${conv('conv', 'rois', 'conv', 'num_output: 4 kernel_size: 1')}
layer { name: "fc" type: "InnerProduct" bottom: "conv" top: "fc" inner_product_param { num_output: 2 } }`;
    const r = netShapes(text);
    assert.equal(blob(r, 'conv'), undefined);
    assert.equal(blob(r, 'fc'), undefined);
    assert.deepEqual(
      r.layers.map((l) => l.params.map((p) => p.dims)),
      [[], [], [[2, null], [2]]],
    );
    const found = shapeFindings(r);
    assert.equal(found.length, 1);
    assert.equal(found[0].code, 'unknown-shape');
    assert.equal(found[0].severity, 'information');
    assert.equal(found[0].at, '"rois"');
    assert.match(found[0].message, /^Shape of 'rois' is unknown: a Python layer's tops are shaped by its code \(rpn\.proposal_layer\)\. State it with a comment '# prototxt-lens: shape rois=N,C,H,W' or the setting prototxtLens\.inputShapes\.$/);
  });

  it('lets the inputShapes setting state what the file cannot', () => {
    const text = `layer { name: "rpn" type: "Python" top: "rois" python_param { module: "m" layer: "P" } }
${conv('conv', 'rois', 'conv', 'num_output: 4 kernel_size: 3')}`;
    const r = netShapes(text, { inputShapes: { rois: [2, 8, 10, 10] } });
    assert.deepEqual(blob(r, 'conv'), [2, 4, 8, 8]);
    assert.deepEqual(r.layers[0].statedTops, [true]);
    assert.deepEqual(shapeFindings(r), []);
  });

  it('reads `# prototxt-lens: shape` comments, which win over the setting', () => {
    const text = `# prototxt-lens: shape data=4,2,6,6 label=4
layer { name: "h5" type: "HDF5Data" top: "data" top: "label" hdf5_data_param { source: "list.txt" batch_size: 4 } }
${conv('conv', 'data', 'conv', 'num_output: 3 kernel_size: 3')}`;
    const r = netShapes(text, { inputShapes: { data: [9, 9, 9, 9] } });
    assert.deepEqual(blob(r, 'data'), [4, 2, 6, 6]);
    assert.deepEqual(blob(r, 'label'), [4]);
    assert.deepEqual(blob(r, 'conv'), [4, 3, 4, 4]);
    assert.deepEqual(shapeFindings(r), []);
  });

  it('warns about a shape comment it cannot read, at the word', () => {
    const text = `# prototxt-lens: shape data=4x3x6x6\n${withInput([1, 1], '')}`;
    const found = shapeFindings(netShapes(text));
    assert.deepEqual(
      found.map((f) => [f.code, f.severity, f.at]),
      [['bad-shape-directive', 'warning', 'data=4x3x6x6']],
    );
  });

  it('uses a stated shape that contradicts Caffe, with a warning at the statement', () => {
    const text = `# prototxt-lens: shape data=1,3,227,227\n${withInput([1, 3, 224, 224], '')}`;
    const r = netShapes(text);
    assert.deepEqual(blob(r, 'data'), [1, 3, 227, 227]);
    const found = shapeFindings(r);
    assert.deepEqual(
      found.map((f) => [f.code, f.at]),
      [['stated-shape-mismatch', 'data=1,3,227,227']],
    );
    assert.equal(found[0].message, "The shape stated for 'data', (1, 3, 227, 227), differs from what Caffe computes, (1, 3, 224, 224); the stated shape is used.");
  });

  it('completes a Data layer when its channels are stated', () => {
    const text = `layer { name: "data" type: "Data" top: "data" transform_param { crop_size: 227 } data_param { source: "db" batch_size: 8 } }
${conv('conv1', 'data', 'conv1', 'num_output: 96 kernel_size: 11 stride: 4')}`;
    const partial = netShapes(text);
    assert.deepEqual(partial.layers[1].params[0].dims, [96, null, 11, 11]);
    assert.equal(partial.layers[1].params[0].shape, undefined);
    assert.match(shapeFindings(partial)[0].message, /^Shape of 'data' is only partly known, \(8, \?, 227, 227\): Data reads its channel count from the database 'db'\. State it with a comment '# prototxt-lens: shape data=8,C,227,227'/);
    const stated = netShapes(text, { inputShapes: { data: [8, 3, 227, 227] } });
    assert.deepEqual(stated.layers[1].params[0].shape, [96, 3, 11, 11]);
    assert.deepEqual(shapeFindings(stated), []);
  });

  it('reports a failed Caffe CHECK once and does not cascade', () => {
    const text = withInput(
      [1, 8, 16, 16],
      [
        conv('a', 'data', 'a', 'num_output: 4 kernel_size: 1'),
        conv('b', 'data', 'b', 'num_output: 6 kernel_size: 1'),
        'layer { name: "sum" type: "Eltwise" bottom: "a" bottom: "b" top: "sum" }',
        conv('c', 'sum', 'c', 'num_output: 2 kernel_size: 1'),
        'layer { name: "d" type: "Eltwise" bottom: "c" bottom: "c" top: "d" }',
      ].join('\n'),
    );
    const r = netShapes(text);
    const found = shapeFindings(r);
    assert.equal(found.length, 1);
    assert.equal(found[0].code, 'shape-mismatch');
    assert.equal(found[0].severity, 'error');
    assert.equal(found[0].at, '"b"');
    assert.match(found[0].message, /\(layer 'sum', Eltwise\)$/);
    assert.equal(blob(r, 'c'), undefined);
  });

  it('leaves a layer with the wrong number of blobs to the net stage, which reports it', () => {
    const text = withInput([1, 3, 8, 8], 'layer { name: "c" type: "Crop" bottom: "data" top: "c" }');
    const a = analyze(text, { phase: 'TEST' });
    assert.deepEqual(
      a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code),
      ['bottom-count'],
    );
    assert.equal(blob(a.shapes!, 'c'), undefined);
    assert.deepEqual(a.shapes!.diagnostics, []);
  });

  it('says when a layer type has no rule (a fork layer) and goes on', () => {
    const text = withInput([1, 3, 8, 8], 'layer { name: "n" type: "Normalize" bottom: "data" top: "n" }');
    const found = shapeFindings(netShapes(text, { customLayerTypes: ['Normalize'] }));
    assert.equal(found.length, 1);
    assert.match(found[0].message, /no shape rule for layer type 'Normalize', which BVLC Caffe does not define/);
  });

  it('points each finding at the parameter or bottom at fault', () => {
    const kernel = shapeFindings(netShapes(withInput([1, 3, 5, 5], conv('c', 'data', 'c', 'num_output: 2 kernel_size: 7'))));
    assert.deepEqual(
      kernel.map((f) => [f.code, f.severity, f.at]),
      [['kernel-exceeds-input', 'error', 'kernel_size']],
    );
    const reshape = shapeFindings(netShapes(withInput([2, 6], 'layer { name: "r" type: "Reshape" bottom: "data" top: "r" reshape_param { shape { dim: 5 dim: -1 } } }')));
    assert.deepEqual(
      reshape.map((f) => [f.code, f.at]),
      [['reshape-count-mismatch', 'shape']],
    );
    assert.match(reshape[0].message, /^bottom count \(12\) must be divisible by the product of the specified dimensions \(5\) \(layer 'r', Reshape\)$/);
  });

  it("adds its findings to the analysis' diagnostics", () => {
    const text = withInput(
      [1, 3, 44, 44],
      'layer { name: "ref" type: "Input" top: "ref" input_param { shape { dim: 1 dim: 3 dim: 32 dim: 32 } } }\n' +
        'layer { name: "crop" type: "Crop" bottom: "data" bottom: "ref" top: "crop" crop_param { axis: 2 offset: 19 } }',
    );
    const codes = analyze(text).diagnostics.map((d) => d.code);
    assert.ok(codes.includes('crop-out-of-bounds'), codes.join(', '));
  });
});

describe('shapes after earlier errors', () => {
  it('a misspelt field in a layer is reported once, by the schema stage, not again as a shape CHECK', () => {
    const text = [
      'input: "data" input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }',
      'layer { name: "conv" type: "Convolution" bottom: "data" top: "conv" convolution_param { num_output: 4 kernal_size: 3 } }',
      'layer { name: "relu" type: "ReLU" bottom: "conv" top: "conv" }',
    ].join('\n');
    const a = analyze(text);
    assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code), ['unknown-field']);
    assert.equal(a.shapes!.blobs.get('conv'), undefined);
  });
});
