import * as assert from 'node:assert/strict';
import { messageToJson } from '../../../server/src/core/schema/to-json';
import { isSynthetic } from '../../../server/src/core/schema/synthesize';
import { corpusText, findings, netOf } from './net-helpers';

/** A layer's view in protobuf's JSON mapping: what Caffe's upgrade makes of it. */
function asJson(text: string, name: string): unknown {
  const layer = netOf(text).layers.find((l) => l.name === name);
  assert.ok(layer, name);
  return messageToJson(layer.view.bound!);
}

describe('net: V1 layers (upgrade_proto.cpp UpgradeV1LayerParameter)', () => {
  const lenet = corpusText('bvlc-caffe-legacy-v1/examples/mnist/lenet_train_test.prototxt');

  it('reads the V1 lenet with registry types, wiring and blobs_lr as lr_mult', () => {
    const net = netOf(lenet);
    assert.equal(net.format, 'v1');
    assert.deepEqual(
      net.layers.map((l) => `${l.name}:${l.type} ${l.bottoms.map((b) => b.name).join(',')} -> ${l.tops.map((t) => t.name).join(',')}`),
      [
        'mnist:Data  -> data,label',
        'conv1:Convolution data -> conv1',
        'pool1:Pooling conv1 -> pool1',
        'conv2:Convolution pool1 -> conv2',
        'pool2:Pooling conv2 -> pool2',
        'ip1:InnerProduct pool2 -> ip1',
        'relu1:ReLU ip1 -> ip1',
        'ip2:InnerProduct ip1 -> ip2',
        'loss:SoftmaxWithLoss ip2,label -> loss',
      ],
    );
    const conv1 = net.layers[1];
    assert.deepEqual(conv1.params.map((p) => [p.lrMult, p.decayMult]), [[1, 1], [2, 1]]);
    assert.equal(lenet.slice(conv1.params[1].span!.start, conv1.params[1].span!.end), '2', 'spans stay on the blobs_lr values');
    assert.equal(lenet.slice(conv1.typeSpan!.start, conv1.typeSpan!.end), 'CONVOLUTION');
    assert.equal(conv1.view.message('convolution_param').number('num_output'), 20);
    assert.deepEqual(conv1.view.message('convolution_param').numbers('kernel_size'), [5]);
    assert.equal(conv1.view.message('convolution_param').message('weight_filler').string('type'), 'xavier');
    assert.equal(net.layers[6].inPlace, true);
    assert.deepEqual(net.diagnostics, []);
  });

  it('maps weight_decay to decay_mult, param to names, blob_share_mode to share_mode', () => {
    const text = 'input: "x" input_dim: 1 input_dim: 2 input_dim: 3 input_dim: 3\n' +
      'layers { name: "ip" type: INNER_PRODUCT bottom: "x" top: "y" blobs_lr: [1, 2] weight_decay: 1 weight_decay: 0 param: "w" blob_share_mode: PERMISSIVE inner_product_param { num_output: 4 } }';
    assert.deepEqual(asJson(text, 'ip'), {
      name: 'ip',
      type: 'InnerProduct',
      bottom: ['x'],
      top: ['y'],
      param: [{ name: 'w', lr_mult: 1, decay_mult: 1, share_mode: 'PERMISSIVE' }, { lr_mult: 2, decay_mult: 0 }],
      inner_product_param: { num_output: 4 },
    });
    const ip = netOf(text).layers[1];
    assert.deepEqual(ip.params, [
      { name: 'w', lrMult: 1, decayMult: 1, span: ip.params[0].span },
      { lrMult: 2, decayMult: 0, span: ip.params[1].span },
    ]);
    assert.ok(isSynthetic(ip.view.fields('param')[0].node), 'a param block made from blobs_lr is not text to edit');
  });

  it('moves a V1 data layer\'s scale, mean_file, crop_size and mirror into transform_param (UpgradeNetDataTransformation)', () => {
    const text = 'layers { name: "d" type: DATA top: "data" top: "label" transform_param { mirror: false scale: 2 } ' +
      'data_param { source: "db" batch_size: 8 scale: 0.5 crop_size: 227 mirror: true mean_file: "m" } }';
    assert.deepEqual(asJson(text, 'd'), {
      name: 'd',
      type: 'Data',
      top: ['data', 'label'],
      transform_param: { scale: 0.5, mirror: true, crop_size: 227, mean_file: 'm' },
      data_param: { source: 'db', batch_size: 8 },
    });
    const plain = 'layers { name: "d" type: IMAGE_DATA top: "data" top: "label" image_data_param { source: "list" crop_size: 5 } }';
    assert.deepEqual(asJson(plain, 'd'), { name: 'd', type: 'ImageData', top: ['data', 'label'], transform_param: { crop_size: 5 }, image_data_param: { source: 'list' } });
  });

  it('reads the V1 corpus nets: googlenet\'s inception branches, flickr-style\'s fine-tuning rates', () => {
    const googlenet = netOf(corpusText('bvlc-caffe-legacy-v1/models/bvlc_googlenet/train_val.prototxt'));
    const concat = googlenet.layers.find((l) => l.name === 'inception_3a/output')!;
    assert.equal(concat.type, 'Concat');
    assert.equal(concat.bottoms.length, 4);
    const flickr = netOf(corpusText('bvlc-caffe-legacy-v1/models/finetune_flickr_style/train_val.prototxt'));
    const fc8 = flickr.layers.find((l) => l.name === 'fc8_flickr')!;
    assert.deepEqual(fc8.params.map((p) => [p.lrMult, p.decayMult]), [[10, 1], [20, 0]]);
    assert.equal(flickr.layers[0].type, 'ImageData');
    assert.equal(flickr.layers[0].view.message('transform_param').number('crop_size'), 227);
  });

  it('drops `layer` entries when the file also has `layers`, as UpgradeV1Net does, and says so', () => {
    const text = 'layer { name: "data" type: "Input" top: "data" input_param { shape { dim: 1 } } }\nlayers { name: "r" type: RELU bottom: "data" top: "r" }';
    const net = netOf(text);
    assert.equal(net.format, 'mixed');
    assert.deepEqual(net.layers.map((l) => l.name), ['r']);
    const f = findings(text);
    assert.deepEqual(f.map((x) => [x.code, x.at]), [['ignored-layer', 'layer'], ['unknown-bottom', '"data"']]);
    assert.match(f[0].message, /^Input NetParameter to be upgraded already specifies 'layer' fields; these will be ignored for the upgrade\./);
  });
});

describe('net: V0 layers (upgrade_proto.cpp UpgradeV0Net)', () => {
  it('reads the V0 lenet: types, flat fields moved into *_param, blobs_lr, net inputs', () => {
    const text = corpusText('bvlc-caffe-legacy-v0/examples/lenet/lenet.prototxt');
    const net = netOf(text);
    assert.equal(net.format, 'v0');
    assert.deepEqual(net.layers.map((l) => `${l.name}:${l.type}`), [
      'input:Input', 'conv1:Convolution', 'pool1:Pooling', 'conv2:Convolution', 'pool2:Pooling',
      'ip1:InnerProduct', 'relu1:ReLU', 'ip2:InnerProduct', 'prob:Softmax',
    ]);
    assert.deepEqual(asJson(text, 'conv1'), {
      name: 'conv1',
      type: 'Convolution',
      bottom: ['data'],
      top: ['conv1'],
      param: [{ lr_mult: 1 }, { lr_mult: 2 }],
      convolution_param: { num_output: 20, kernel_size: [5], stride: [1], weight_filler: { type: 'xavier' }, bias_filler: { type: 'constant' } },
    });
    assert.deepEqual(asJson(text, 'pool1'), { name: 'pool1', type: 'Pooling', bottom: ['conv1'], top: ['pool1'], pooling_param: { pool: 'MAX', kernel_size: 2, stride: 2 } });
    const conv1 = net.layers[1];
    assert.equal(text.slice(conv1.typeSpan!.start, conv1.typeSpan!.end), '"conv"');
    assert.equal(text.slice(conv1.span!.start, conv1.span!.start + 6), 'layers');
    assert.deepEqual(net.outputs, ['prob']);
    assert.deepEqual(net.diagnostics, []);
  });

  it('folds the V0 imagenet padding layer into conv2 (UpgradeV0PaddingLayers)', () => {
    const text = corpusText('bvlc-caffe-legacy-v0/examples/imagenet/imagenet_train.prototxt');
    const net = netOf(text);
    assert.ok(!net.layers.some((l) => l.name === 'pad2'));
    const conv2 = net.layers.find((l) => l.name === 'conv2')!;
    assert.deepEqual(conv2.bottoms.map((b) => b.name), ['norm1']);
    const param = conv2.view.message('convolution_param');
    assert.deepEqual([param.numbers('pad'), param.number('group'), param.number('num_output')], [[2], 2, 256]);
    assert.deepEqual(conv2.params.map((p) => [p.lrMult, p.decayMult]), [[1, 1], [2, 0]]);
    const data = net.layers[0];
    assert.deepEqual(asJson(text, 'data'), {
      name: 'data',
      type: 'Data',
      top: ['data', 'label'],
      transform_param: { mirror: true, crop_size: 227, mean_file: '/home/jiayq/Data/ILSVRC12/image_mean.binaryproto' },
      data_param: { source: '/home/jiayq/Data/ILSVRC12/train-leveldb', batch_size: 256 },
    });
    assert.equal(data.type, 'Data');
    assert.equal(net.trains, true);
    assert.deepEqual(net.diagnostics, []);
  });

  it('reports a padding layer feeding anything but conv or pool in Caffe\'s words', () => {
    const text = 'input: "x" input_dim: 1 input_dim: 1 input_dim: 4 input_dim: 4\n' +
      'layers { layer { name: "p" type: "padding" pad: 1 } bottom: "x" top: "p" }\n' +
      'layers { layer { name: "r" type: "relu" } bottom: "p" top: "r" }';
    const f = findings(text).find((x) => x.code === 'v0-padding')!;
    assert.equal(f.message, 'Padding layer input to non-convolutional / non-pooling layer type relu');
    assert.equal(f.at, '"p"');
  });

  it('warns about a V0 field the layer type does not take, as Caffe\'s upgrade logs it', () => {
    const text = 'input: "x" input_dim: 1 input_dim: 1 input_dim: 4 input_dim: 4\nlayers { layer { name: "r" type: "relu" num_output: 3 } bottom: "x" top: "r" }';
    const f = findings(text);
    assert.deepEqual(f.map((x) => [x.code, x.severity, x.at]), [['v0-unknown-parameter', 'warning', 'num_output']]);
    assert.match(f[0].message, /^Unknown parameter num_output for layer type relu\./);
  });

  it('reports a V0 type that Caffe cannot upgrade, suggesting the V0 name', () => {
    const text = 'input: "x" input_dim: 1 input_dim: 1 input_dim: 4 input_dim: 4\nlayers { layer { name: "c" type: "convolution" } bottom: "x" top: "c" }';
    const f = findings(text).find((x) => x.code === 'unknown-layer-type')!;
    assert.equal(f.at, '"convolution"');
    assert.match(f.message, /^Unknown layer name: convolution/);
    assert.doesNotMatch(f.message, /Did you mean "Convolution"/, 'registry names are not V0 names');
  });
});
