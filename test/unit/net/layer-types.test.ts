import * as assert from 'node:assert/strict';
import { LAYER_TYPES, isLossType } from '../../../server/src/core/net/layer-types';
import { V0_LAYER_TYPES, V1_LAYER_TYPES, v0TypeName, v1TypeName } from '../../../server/src/core/net/legacy-types';
import { V0_FIELD_TARGETS } from '../../../server/src/core/net/v0-fields';
import { caffeSchema } from '../../../server/src/core/schema/registry';

// Every type BVLC Caffe registers (layer_factory.cpp and REGISTER_LAYER_CLASS in src/caffe/layers/*.cpp), plus Python.
const BVLC_TYPES = `AbsVal Accuracy ArgMax BatchNorm BatchReindex Bias BNLL Clip Concat ContrastiveLoss Convolution
  Crop Data Deconvolution Dropout DummyData Eltwise ELU Embed EuclideanLoss Exp Filter Flatten HDF5Data HDF5Output
  HingeLoss Im2col ImageData InfogainLoss InnerProduct Input Log LRN LSTM LSTMUnit MemoryData MultinomialLogisticLoss
  MVN Parameter Pooling Power PReLU Python Reduction ReLU Reshape RNN Scale Sigmoid SigmoidCrossEntropyLoss Silence
  Slice Softmax SoftmaxWithLoss Split SPP Swish TanH Threshold Tile WindowData`.split(/\s+/);

describe('net: layer type tables', () => {
  it('knows exactly the types BVLC Caffe registers, with Python', () => {
    assert.deepEqual(Object.keys(LAYER_TYPES).sort(), [...BVLC_TYPES].sort());
  });

  it('marks the LossLayer subclasses as loss layers: the BVLC types ending in "Loss"', () => {
    const losses = Object.keys(LAYER_TYPES).filter(isLossType).sort();
    assert.deepEqual(losses, BVLC_TYPES.filter((t) => t.endsWith('Loss')).sort());
    assert.equal(isLossType('SmoothL1Loss'), true, 'a fork\'s loss type by its name');
    assert.equal(isLossType('Accuracy'), false);
  });

  it('maps every V1LayerParameter.LayerType value to a registry type (upgrade_proto.cpp UpgradeV1LayerType)', () => {
    const values = caffeSchema.enum('caffe.V1LayerParameter.LayerType')!.values.map((v) => v.name);
    assert.deepEqual(Object.keys(V1_LAYER_TYPES).sort(), [...values].sort());
    for (const v of values.filter((n) => n !== 'NONE')) assert.ok(LAYER_TYPES[v1TypeName(v)!], `${v} → ${v1TypeName(v)}`);
    assert.equal(v1TypeName('SOFTMAX_LOSS'), 'SoftmaxWithLoss');
    assert.equal(v1TypeName('CONVOLUTION'), 'Convolution');
    assert.equal(v1TypeName('NONE'), '');
  });

  it('maps V0 type strings through V1 enums (UpgradeV0LayerType)', () => {
    for (const v0 of Object.keys(V0_LAYER_TYPES)) assert.ok(LAYER_TYPES[v0TypeName(v0)!], v0);
    assert.equal(v0TypeName('conv'), 'Convolution');
    assert.equal(v0TypeName('images'), 'ImageData');
    assert.equal(v0TypeName('padding'), undefined, 'padding layers are folded away before the type upgrade');
    assert.equal(v0TypeName('constructor'), undefined);
  });

  it('sends every V0 field to a field that caffe.LayerParameter has', () => {
    const layer = caffeSchema.requireMessage('caffe.LayerParameter');
    const v0 = caffeSchema.requireMessage('caffe.V0LayerParameter');
    for (const [field, target] of Object.entries(V0_FIELD_TARGETS)) {
      assert.ok(caffeSchema.field(v0, field), `V0LayerParameter.${field}`);
      for (const path of [target.any, ...Object.values(target.byType ?? {})].filter((p): p is string => p !== undefined)) {
        const [message, sub] = path.split('.');
        const m = caffeSchema.field(layer, message);
        assert.ok(m, path);
        if (sub) assert.ok(caffeSchema.field(caffeSchema.fieldMessage(m)!, sub), path);
      }
    }
  });
});
