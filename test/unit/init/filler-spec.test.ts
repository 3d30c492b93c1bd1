import * as assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analysis';
import { readFiller } from '../../../server/src/core/init/filler-spec';
import type { MessageView } from '../../../server/src/core/schema/message-view';

function convParam(body: string): { text: string; param: MessageView } {
  const text = `layer { name: "c" type: "Convolution" convolution_param { num_output: 4 ${body} } }`;
  return { text, param: analyze(text).view.messages('layer')[0].message('convolution_param') };
}

describe('init: reading a FillerParameter with defaults (caffe.proto)', () => {
  it('applies the proto defaults to fields the file leaves out and remembers what it wrote', () => {
    const { text, param } = convParam('weight_filler { type: "gaussian" std: 0.01 }');
    const f = readFiller(param, 'weight_filler');
    assert.equal(f.type, 'gaussian');
    assert.equal(f.std, 0.01);
    assert.deepEqual([f.value, f.min, f.max, f.mean, f.sparse, f.varianceNorm], [0, 0, 1, 0, -1, 'FAN_IN']);
    assert.equal(f.written, true);
    assert.deepEqual(f.setFields, ['type', 'std']);
    assert.equal(text.slice(f.fieldSpan!.start, f.fieldSpan!.end), 'weight_filler { type: "gaussian" std: 0.01 }');
    assert.equal(text.slice(f.nameSpan!.start, f.nameSpan!.end), 'weight_filler');
  });

  it('reads an absent filler as constant 0, the FillerParameter default', () => {
    const f = readFiller(convParam('').param, 'weight_filler');
    assert.equal(f.written, false);
    assert.equal(f.type, 'constant');
    assert.equal(f.value, 0);
    assert.equal(f.fieldSpan, undefined);
  });

  it('reads an absent filler as the layer\'s substitute when it has one (PReLU 0.25)', () => {
    const text = 'layer { name: "p" type: "PReLU" }';
    const prelu = analyze(text).view.messages('layer')[0].message('prelu_param');
    const f = readFiller(prelu, 'filler', { values: { type: 'constant', value: 0.25 }, note: 'PReLU default' });
    assert.equal(f.value, 0.25);
    assert.equal(f.layerDefault, 'PReLU default');
  });

  it('a written filler wins over the substitute', () => {
    const text = 'layer { name: "p" type: "PReLU" prelu_param { filler { type: "constant" value: 0.1 } } }';
    const prelu = analyze(text).view.messages('layer')[0].message('prelu_param');
    const f = readFiller(prelu, 'filler', { values: { type: 'constant', value: 0.25 }, note: 'PReLU default' });
    assert.equal(f.value, 0.1);
    assert.equal(f.layerDefault, undefined);
  });

  it('reads variance_norm by name', () => {
    const f = readFiller(convParam('weight_filler { type: "xavier" variance_norm: AVERAGE }').param, 'weight_filler');
    assert.equal(f.varianceNorm, 'AVERAGE');
  });
});
