import * as assert from 'node:assert/strict';
import { findings, netOf, onlyFinding } from './net-helpers';

const INPUT = 'input: "data" input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }\ninput: "label" input_shape { dim: 1 }\n';

/** The findings of one layer written after the two inputs. */
function layer(body: string, settings: Parameters<typeof findings>[1] = {}) {
  return findings(`${INPUT}layer { ${body} }`, settings);
}

describe('net: layer types (layer_factory.hpp CreateLayer)', () => {
  it('reports an unknown type in Caffe\'s words with a did-you-mean and its quick fix', () => {
    const text = `${INPUT}layer { name: "c" type: "Convolutoin" bottom: "data" top: "c" }`;
    const net = netOf(text);
    const d = net.diagnostics[0];
    assert.equal(d.code, 'unknown-layer-type');
    assert.equal(d.severity, 'error');
    assert.match(d.message, /^Unknown layer type: Convolutoin\. Did you mean "Convolution"\? If your Caffe build registers it, add it to the prototxtLens\.customLayerTypes setting\.$/);
    assert.equal(text.slice(d.span.start, d.span.end), '"Convolutoin"');
    assert.deepEqual(d.fixes?.[0].edits, [{ span: d.span, newText: '"Convolution"' }]);
  });

  it('finds the registry spelling of a wrongly cased type', () => {
    const d = layer('name: "r" type: "relu" bottom: "data" top: "r"')[0];
    assert.match(d.message, /Did you mean "ReLU"\?/);
  });

  it('accepts Python and the types of the customLayerTypes setting', () => {
    const roi = 'name: "roi" type: "ROIPooling" bottom: "data" bottom: "label" top: "roi"';
    assert.equal(layer(roi)[0].code, 'unknown-layer-type');
    assert.deepEqual(layer(roi, { customLayerTypes: ['ROIPooling'] }), []);
    assert.deepEqual(layer('name: "py" type: "Python" bottom: "data" top: "p" top: "q" python_param { module: "m" layer: "L" }'), []);
  });

  it('checks the type of layers outside the analysed phase too', () => {
    assert.equal(layer('name: "t" type: "Relu" bottom: "data" top: "t" include { phase: TEST }')[0].code, 'unknown-layer-type');
  });

  it('reports a layer without type or name', () => {
    const text = `${INPUT}layer { bottom: "data" top: "x" }`;
    const f = findings(text);
    assert.deepEqual(f.map((x) => [x.code, x.severity, x.at]), [['missing-layer-type', 'error', 'layer'], ['missing-layer-name', 'warning', 'layer']]);
    assert.match(f[0].message, /has no type\. Caffe cannot create it/);
  });

  it('leaves a type the schema already rejected to the schema', () => {
    assert.deepEqual(findings('layers { name: "x" type: CONVOLUTON }'), []);
  });
});

describe('net: bottom and top counts (layer.hpp CheckBlobCounts)', () => {
  it('uses Caffe\'s words and points at the first blob too many', () => {
    const text = `${INPUT}layer { name: "r" type: "ReLU" bottom: "data" bottom: "label" top: "r" }`;
    const d = onlyFinding(text);
    assert.deepEqual([d.code, d.message, d.at], ['bottom-count', 'ReLU Layer takes 1 bottom blob(s) as input. Found 2.', '"label"']);
  });

  it('points at the type when blobs are missing', () => {
    assert.deepEqual(layer('name: "c" type: "Convolution" top: "c" convolution_param { num_output: 1 kernel_size: 1 }').map((f) => [f.code, f.message, f.at]), [
      ['bottom-count', 'Convolution Layer takes at least 1 bottom blob(s) as input. Found 0.', '"Convolution"'],
      ['top-count', 'Convolution Layer produces one top blob as output for each bottom blob input. Found 0 bottom(s) and 1 top(s).', '"c"'],
    ]);
    assert.deepEqual(layer('name: "e" type: "Eltwise" bottom: "data" top: "e"').map((f) => f.message), ['Eltwise Layer takes at least 2 bottom blob(s) as input. Found 1.']);
    assert.deepEqual(layer('name: "s" type: "Silence" bottom: "data" top: "s"').map((f) => [f.message, f.at]), [['Silence Layer produces 0 top blob(s) as output. Found 1.', '"s"']]);
  });

  it('lets MAX pooling, and only MAX pooling, output its mask as a second top', () => {
    assert.deepEqual(layer('name: "p" type: "Pooling" bottom: "data" top: "p" top: "mask" pooling_param { pool: MAX kernel_size: 2 }'), []);
    assert.deepEqual(layer('name: "p" type: "Pooling" bottom: "data" top: "p" top: "mask" pooling_param { pool: AVE kernel_size: 2 }').map((f) => [f.message, f.at]), [
      ['Pooling Layer produces at most 1 top blob(s) as output. Found 2.', '"mask"'],
    ]);
  });

  it('counts the recurrent states that expose_hidden adds to LSTM', () => {
    const lstm = 'name: "l" type: "LSTM" bottom: "data" bottom: "label" top: "h" recurrent_param { num_output: 4 }';
    assert.deepEqual(layer(lstm), []);
    assert.deepEqual(layer(lstm.replace('num_output: 4', 'num_output: 4 expose_hidden: true')).map((f) => f.message), [
      'LSTM Layer takes at least 4 bottom blob(s) as input. Found 2.',
      'LSTM Layer produces 3 top blob(s) as output. Found 1.',
    ]);
  });

  it('gives a loss layer written without tops the top Caffe adds (AutoTopBlobs)', () => {
    const text = `${INPUT}layer { name: "loss" type: "SoftmaxWithLoss" bottom: "data" bottom: "label" }`;
    const net = netOf(text);
    assert.deepEqual(net.diagnostics, []);
    assert.deepEqual(net.layers[1].lossWeights, [1]);
    assert.equal(net.trains, true);
  });
});

describe('net: loss weights (layer.hpp SetLossWeights)', () => {
  it('takes loss_weight as written, else 1 on a loss layer\'s first top', () => {
    const net = netOf(`${INPUT}layer { name: "l" type: "SoftmaxWithLoss" bottom: "data" bottom: "label" top: "l" top: "prob" loss_weight: 1 loss_weight: 0 }\n` +
      'layer { name: "e" type: "EuclideanLoss" bottom: "data" bottom: "data" top: "e" }\nlayer { name: "s" type: "Sigmoid" bottom: "data" top: "s" loss_weight: 0.5 }');
    assert.deepEqual(net.layers.slice(1).map((l) => l.lossWeights), [[1, 0], [1], [0.5]]);
    assert.deepEqual(net.diagnostics, []);
  });

  it('reports a count that does not match the tops in Caffe\'s words', () => {
    const d = layer('name: "s" type: "Sigmoid" bottom: "data" top: "s" loss_weight: 1 loss_weight: 2').find((f) => f.code === 'loss-weight-count')!;
    assert.deepEqual([d.code, d.message, d.at], ['loss-weight-count', 'loss_weight must be unspecified or specified once per top blob. Found 2 loss_weight value(s) for 1 top(s).', '2']);
  });

  it('explains the implicit loss_weight of a two-top SoftmaxWithLoss', () => {
    const d = layer('name: "l" type: "SoftmaxWithLoss" bottom: "data" bottom: "label" top: "l" top: "prob"')[0];
    assert.equal(d.code, 'loss-weight-count');
    assert.match(d.message, /^loss_weight must be unspecified or specified once per top blob\. SoftmaxWithLoss is a loss layer, so Caffe gives it one loss_weight/);
    assert.equal(d.at, '"prob"');
  });
});

describe('net: layer names', () => {
  it('warns about a second layer of the same name when weights are matched by it', () => {
    const text = `${INPUT}layer { name: "fc" type: "InnerProduct" bottom: "data" top: "a" inner_product_param { num_output: 2 } }\n` +
      'layer { name: "fc" type: "InnerProduct" bottom: "data" top: "b" inner_product_param { num_output: 2 } }';
    const d = onlyFinding(text);
    assert.deepEqual([d.code, d.severity, d.at], ['duplicate-layer-name', 'warning', '"fc"']);
    assert.match(d.message, /^Another layer of the TRAIN net is already named 'fc'\. Caffe matches trained weights to layers by name/);
    assert.equal(netOf(text).diagnostics[0].span.start, text.lastIndexOf('"fc"'));
  });

  it('lets weightless layers, and layers of different phases, share a name', () => {
    assert.deepEqual(findings(`${INPUT}layer { name: "x" type: "ReLU" bottom: "data" top: "a" }\nlayer { name: "x" type: "ReLU" bottom: "data" top: "b" }`), []);
    const phases = `${INPUT}layer { name: "fc" type: "InnerProduct" bottom: "data" top: "a" include { phase: TRAIN } inner_product_param { num_output: 2 } }\n` +
      'layer { name: "fc" type: "InnerProduct" bottom: "data" top: "a" include { phase: TEST } inner_product_param { num_output: 2 } }';
    assert.deepEqual(findings(phases), []);
    assert.deepEqual(findings(phases, { phase: 'TEST' }), []);
  });
});
