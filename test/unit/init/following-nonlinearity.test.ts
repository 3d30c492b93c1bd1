import * as assert from 'node:assert/strict';
import { BlobUses } from '../../../server/src/core/init/blob-uses';
import { describeNonlinearity, followingNonlinearity, type Nonlinearity } from '../../../server/src/core/init/following-nonlinearity';
import { netOf } from './net-of';

const INPUT = 'input: "data" input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }\n';
const conv = (name: string, bottom: string, top = name) =>
  `layer { name: "${name}" type: "Convolution" bottom: "${bottom}" top: "${top}" convolution_param { num_output: 4 kernel_size: 3 } }\n`;
const layer = (name: string, type: string, bottom: string, top: string, extra = '') =>
  `layer { name: "${name}" type: "${type}" bottom: "${bottom}" top: "${top}" ${extra} }\n`;

/** The nonlinearity after the layer named `name`. */
function after(text: string, name: string): Nonlinearity {
  const net = netOf(INPUT + text);
  const position = net.layers.findIndex((l) => l.name === name);
  assert.ok(position >= 0, `no layer ${name}`);
  return followingNonlinearity(new BlobUses(net), position);
}

describe('init: the nonlinearity that follows a layer', () => {
  it('an in-place ReLU', () => {
    const n = after(conv('c1', 'data') + layer('r1', 'ReLU', 'c1', 'c1'), 'c1');
    assert.equal(n.kind, 'ReLU');
    assert.equal(n.slope, 0);
    assert.equal(n.layer, 'r1');
    assert.equal(n.normalized, false);
  });

  it('a leaky ReLU keeps its negative_slope', () => {
    const n = after(conv('c1', 'data') + layer('r1', 'ReLU', 'c1', 'c1', 'relu_param { negative_slope: 0.1 }'), 'c1');
    assert.equal(describeNonlinearity(n), 'ReLU (negative_slope 0.1)');
  });

  it('looks through in-place BatchNorm and Scale, and says BatchNorm renormalises', () => {
    const text = conv('c1', 'data') + layer('bn1', 'BatchNorm', 'c1', 'c1') + layer('sc1', 'Scale', 'c1', 'c1') + layer('r1', 'ReLU', 'c1', 'c1');
    const n = after(text, 'c1');
    assert.equal(n.kind, 'ReLU');
    assert.deepEqual(n.through, ['bn1', 'sc1']);
    assert.equal(n.normalized, true);
  });

  it('looks through Dropout and pooling that write new blobs', () => {
    const text = conv('c1', 'data') + layer('p1', 'Pooling', 'c1', 'p1', 'pooling_param { pool: MAX kernel_size: 2 stride: 2 }') + layer('d1', 'Dropout', 'p1', 'd1') + layer('t1', 'TanH', 'd1', 't1');
    const n = after(text, 'c1');
    assert.equal(n.kind, 'TanH');
    assert.deepEqual(n.through, ['p1', 'd1']);
  });

  it('PReLU: its initial slope is 0.25 by default, else its filler\'s value', () => {
    assert.equal(describeNonlinearity(after(conv('c1', 'data') + layer('p', 'PReLU', 'c1', 'c1'), 'c1')), 'PReLU (initial slope 0.25)');
    const custom = layer('p', 'PReLU', 'c1', 'c1', 'prelu_param { filler { type: "constant" value: 0.1 } }');
    assert.equal(after(conv('c1', 'data') + custom, 'c1').slope, 0.1);
  });

  it('none when a loss or another learnable layer reads the output, or nobody does', () => {
    assert.equal(after(conv('c1', 'data') + conv('c2', 'c1'), 'c1').kind, 'none');
    assert.equal(after(conv('c1', 'data'), 'c1').kind, 'none');
  });

  it('mixed when branches meet different nonlinearities', () => {
    const text = conv('c1', 'data') + layer('r', 'ReLU', 'c1', 'r') + layer('s', 'Sigmoid', 'c1', 's');
    const n = after(text, 'c1');
    assert.equal(n.kind, 'mixed');
    assert.equal(describeNonlinearity(n), 'mixed (ReLU, Sigmoid)');
  });

  it('the common answer when every branch meets the same one', () => {
    const text = conv('c1', 'data') + layer('r', 'ReLU', 'c1', 'r') + layer('r2', 'ReLU', 'c1', 'r2');
    assert.equal(after(text, 'c1').kind, 'ReLU');
  });

  it('a reader that comes before an in-place ReLU sees the value before it', () => {
    // e1 reads c1 before r1 overwrites it in place; c1's output reaches both e1 (then Sigmoid) and r1.
    const text = conv('c1', 'data') + layer('e1', 'Dropout', 'c1', 'e1') + layer('r1', 'ReLU', 'c1', 'c1') + layer('s1', 'Sigmoid', 'e1', 's1');
    assert.equal(describeNonlinearity(after(text, 'c1')), 'mixed (ReLU, Sigmoid)');
  });

  it('RNN has its own tanh', () => {
    const text = 'input: "x" input_shape { dim: 5 dim: 2 dim: 3 } input: "cont" input_shape { dim: 5 dim: 2 }\n' +
      'layer { name: "rnn" type: "RNN" bottom: "x" bottom: "cont" top: "h" recurrent_param { num_output: 4 } }';
    const net = netOf(text);
    assert.equal(followingNonlinearity(new BlobUses(net), net.layers.findIndex((l) => l.name === 'rnn')).kind, 'TanH');
  });
});
