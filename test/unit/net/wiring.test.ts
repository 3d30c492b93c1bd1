import * as assert from 'node:assert/strict';
import { findings, netOf, onlyFinding } from './net-helpers';

const INPUT = 'input: "data" input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }\n';
function relu(name: string, bottom: string, top: string): string {
  return `layer { name: "${name}" type: "ReLU" bottom: "${bottom}" top: "${top}" }\n`;
}

describe('net: blob wiring (net.cpp AppendBottom / AppendTop)', () => {
  it('reports an unknown bottom in Caffe\'s words, at the name, with a did-you-mean fix', () => {
    const text = INPUT + relu('r', 'dta', 'r');
    const net = netOf(text);
    const d = net.diagnostics[0];
    assert.equal(d.code, 'unknown-bottom');
    assert.equal(d.message, "Unknown bottom blob 'dta' (layer 'r', bottom index 0). Did you mean 'data'?");
    assert.equal(text.slice(d.span.start, d.span.end), '"dta"');
    assert.deepEqual(d.fixes?.[0].edits, [{ span: d.span, newText: '"data"' }]);
  });

  it('says when the bottom is only produced later', () => {
    const text = INPUT + relu('a', 'b', 'a') + relu('b', 'data', 'b');
    const d = netOf(text).diagnostics[0];
    assert.equal(d.message, "Unknown bottom blob 'b' (layer 'a', bottom index 0). It is produced later, by layer 'b'; Caffe needs a blob's producer before its readers.");
    assert.equal(d.related![0].span.start, text.lastIndexOf('"b"'), 'the top of layer b');
  });

  it('reports a second producer of a blob in Caffe\'s words, relating the first', () => {
    const text = INPUT + relu('a', 'data', 'x') + relu('b', 'data', 'x');
    const d = netOf(text).diagnostics[0];
    assert.equal(d.code, 'duplicate-top');
    assert.match(d.message, /^Top blob 'x' produced by multiple sources\. Layer 'a' already produces it/);
    assert.equal(d.span.start, text.lastIndexOf('"x"'));
    assert.equal(d.related?.[0].span.start, text.indexOf('"x"'));
  });

  it('computes in place only at the same position', () => {
    const ok = INPUT + relu('r', 'data', 'data');
    const okNet = netOf(ok);
    assert.deepEqual(okNet.diagnostics, []);
    assert.equal(okNet.layers[1].inPlace, true);
    assert.deepEqual(okNet.blobs.get('data'), { name: 'data', producers: [{ layer: 0, slot: 0 }, { layer: 1, slot: 0 }], consumers: [{ layer: 1, slot: 0 }] });
    const swapped = INPUT + relu('b', 'data', 'b') + 'layer { name: "e" type: "Eltwise" bottom: "data" bottom: "b" top: "b" }\n';
    const d = onlyFinding(swapped);
    assert.equal(d.code, 'duplicate-top');
    assert.match(d.message, /'b' is bottom 1 but top 0\.$/);
  });

  it('tracks producers, consumers and outputs through splits and in-place chains', () => {
    const text = INPUT + relu('r', 'data', 'data') + relu('a', 'data', 'a') + relu('b', 'data', 'b') + 'layer { name: "s" type: "Eltwise" bottom: "a" bottom: "b" top: "s" }\n';
    const net = netOf(text);
    assert.deepEqual(net.blobs.get('data')!.consumers, [{ layer: 1, slot: 0 }, { layer: 2, slot: 0 }, { layer: 3, slot: 0 }]);
    assert.deepEqual(net.blobs.get('a'), { name: 'a', producers: [{ layer: 2, slot: 0 }], consumers: [{ layer: 4, slot: 0 }] });
    assert.deepEqual(net.outputs, ['s']);
    assert.equal(net.trains, false);
  });

  it('lists as outputs the blobs nobody reads after their last write, like Caffe\'s "This network produces output"', () => {
    const text = INPUT + relu('a', 'data', 'a') + relu('a2', 'a', 'a') + relu('b', 'data', 'b');
    assert.deepEqual(netOf(text).outputs, ['a', 'b']);
  });

  it('only wires the active layers: a TEST-only producer does not feed a TRAIN reader', () => {
    const text = INPUT + 'layer { name: "t" type: "ReLU" bottom: "data" top: "t" include { phase: TEST } }\n' + relu('u', 't', 'u');
    assert.deepEqual(netOf(text, { phase: 'TEST' }).diagnostics, []);
    const d = onlyFinding(text, { phase: 'TRAIN' });
    assert.equal(d.code, 'unknown-bottom');
    assert.match(d.message, /Only layers outside the analysed net produce it \('t'\): their include\/exclude rules leave them out of the TRAIN net \(level 0, no stages\)\./);
  });
});

describe('net: unused tops', () => {
  const TRAIN_NET = 'layer { name: "d" type: "Data" top: "data" top: "label" data_param { source: "db" batch_size: 4 } }\n' +
    'layer { name: "ip" type: "InnerProduct" bottom: "data" top: "ip" inner_product_param { num_output: 2 } }\n';

  it('hints at a top that a training net neither reads nor weighs, faded', () => {
    const text = TRAIN_NET + 'layer { name: "loss" type: "EuclideanLoss" bottom: "ip" bottom: "data" top: "loss" }\n';
    const net = netOf(text);
    assert.equal(net.trains, true);
    const d = net.diagnostics[0];
    assert.deepEqual([d.code, d.severity, d.unnecessary, text.slice(d.span.start, d.span.end)], ['unused-top', 'hint', true, '"label"']);
    assert.match(d.message, /^No layer of the TRAIN net reads 'label' and it carries no loss weight/);
  });

  it('leaves losses, metrics, monitored losses and deploy outputs alone', () => {
    const withMetrics = TRAIN_NET +
      'layer { name: "loss" type: "SoftmaxWithLoss" bottom: "ip" bottom: "label" top: "loss" }\n' +
      'layer { name: "acc" type: "Accuracy" bottom: "ip" bottom: "label" top: "acc" }\n' +
      'layer { name: "l2" type: "EuclideanLoss" bottom: "ip" bottom: "data" top: "l2" loss_weight: 0 }\n';
    assert.deepEqual(findings(withMetrics), []);
    assert.deepEqual(netOf(withMetrics).outputs, ['loss', 'acc', 'l2']);
    const deploy = INPUT + relu('a', 'data', 'a') + relu('b', 'data', 'b');
    assert.deepEqual(findings(deploy), []);
    assert.equal(netOf(deploy).trains, false);
  });

  it('counts a net with a dataset-reading data layer as training, one with only fed inputs as not', () => {
    assert.equal(netOf(TRAIN_NET).trains, true);
    assert.equal(netOf('layer { name: "m" type: "MemoryData" top: "a" top: "b" }').trains, false);
  });
});
