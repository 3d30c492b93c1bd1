import * as assert from 'node:assert/strict';
import type { Nonlinearity } from '../../../server/src/core/init/following-nonlinearity';
import { recommend, referenceVariances, signalGain } from '../../../server/src/core/init/reference-variances';

const nl = (kind: Nonlinearity['kind'], slope?: number): Nonlinearity => ({ kind, slope, through: [], normalized: false });
// A 3×3 convolution 64 → 128 channels: fan_in 64·9 = 576, fan_out 128·9 = 1152.
const fans = { fanIn: 576, fanOut: 1152 };

describe('init: reference variances (Glorot & Bengio 2010, He et al. 2015, filler.hpp)', () => {
  it('Caffe xavier 1/n per variance_norm, Glorot 2/(fan_in+fan_out), He 2/fan_in', () => {
    assert.deepEqual(referenceVariances(fans, 'FAN_IN', nl('ReLU', 0)), { caffeXavier: 1 / 576, glorot: 2 / 1728, he: 2 / 576, heSlope: 0 });
    assert.equal(referenceVariances(fans, 'FAN_OUT', nl('none')).caffeXavier, 1 / 1152);
    assert.equal(referenceVariances(fans, 'AVERAGE', nl('none')).caffeXavier, 1 / 864);
  });

  it('He with a leaky slope a: 2/((1+a²)·fan_in)', () => {
    assert.equal(referenceVariances(fans, 'FAN_IN', nl('PReLU', 0.25)).he, 2 / (1.0625 * 576));
    assert.equal(referenceVariances(fans, 'FAN_IN', nl('TanH')).he, 2 / 576, 'no slope outside the ReLU family');
  });

  it('recommends msra for the ReLU family and xavier otherwise', () => {
    assert.deepEqual(recommend(fans, nl('ReLU', 0)), { type: 'msra', variance: 2 / 576, scheme: 'He: 2/fan_in', fillerVariance: 2 / 576 });
    assert.equal(recommend(fans, nl('ELU')).type, 'msra');
    for (const k of ['TanH', 'Sigmoid', 'none', 'mixed'] as const) assert.equal(recommend(fans, nl(k)).type, 'xavier');
    assert.equal(recommend(fans, nl('TanH')).variance, 1 / 576);
  });

  it('the per-layer signal gain is 1 for the recommended variance', () => {
    assert.equal(signalGain(fans, 2 / 576, nl('ReLU', 0)), 1);
    assert.equal(signalGain(fans, 1 / 576, nl('TanH')), 1);
    assert.equal(signalGain(fans, 1 / 576, nl('ReLU', 0)), 0.5);
  });
});
