import * as assert from 'node:assert/strict';
import { blobCount, caffeFans, reversedFansNote } from '../../../server/src/core/init/fans';

// include/caffe/filler.hpp (BVLC/caffe): fan_in = count / shape(0); fan_out = count / shape(1) for
// two or more axes, else count.
describe('init: Caffe fans (filler.hpp)', () => {
  it('convolution weight (num_output, C/g, kh, kw): fan_in = C·kh·kw, fan_out = num_output·kh·kw', () => {
    const [out, c, kh, kw] = [64, 3, 7, 5];
    assert.deepEqual(caffeFans([out, c, kh, kw]), { fanIn: c * kh * kw, fanOut: out * kh * kw });
  });

  it('inner product weight (N, K): fan_in = K, fan_out = N', () => {
    assert.deepEqual(caffeFans([1000, 4096]), { fanIn: 4096, fanOut: 1000 });
  });

  it('a 1-D blob (a bias) has fan_in 1 and fan_out = count', () => {
    assert.deepEqual(caffeFans([256]), { fanIn: 1, fanOut: 256 });
  });

  it('a 0-axis blob (PReLU channel_shared) holds one value', () => {
    assert.equal(blobCount([]), 1);
    assert.deepEqual(caffeFans([]), { fanIn: 1, fanOut: 1 });
  });

  it('says when the layout reverses the fans', () => {
    assert.match(reversedFansNote('Deconvolution', 'weight') ?? '', /fan_in counts the output side/);
    assert.match(reversedFansNote('InnerProduct', 'weight', true) ?? '', /transpose/);
    assert.equal(reversedFansNote('InnerProduct', 'weight', false), undefined);
    assert.equal(reversedFansNote('Deconvolution', 'bias'), undefined);
    assert.equal(reversedFansNote('Convolution', 'weight'), undefined);
  });
});
