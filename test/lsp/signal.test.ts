/** The preview's request over a real LSP connection: prototxtLens/signal and prototxtLens/analysisChanged. */
import * as assert from 'node:assert/strict';
import { AnalysisChangedNotificationMethod, SignalRequestMethod, type AnalysisChangedParams, type SignalResult } from '../../server/src/protocol';
import { TestClient } from './lsp-client';

const NET = `name: "tiny"
layer {
  name: "data"
  type: "Input"
  top: "data"
  input_param { shape { dim: 1 dim: 16 dim: 8 dim: 8 } }
}
layer {
  name: "conv1"
  type: "Convolution"
  bottom: "data"
  top: "conv1"
  convolution_param { num_output: 16 kernel_size: 1 weight_filler { type: "gaussian" std: 0.01 } }
}
layer {
  name: "relu1"
  type: "ReLU"
  bottom: "conv1"
  top: "conv1"
}
layer {
  name: "prob"
  type: "Softmax"
  bottom: "conv1"
  top: "prob"
}
`;

describe('prototxtLens/signal over stdio', function () {
  this.timeout(30000);
  let client: TestClient;
  const changed: AnalysisChangedParams[] = [];

  before(async () => {
    client = new TestClient();
    await client.initialize();
    client.connection.onNotification(AnalysisChangedNotificationMethod, (p: AnalysisChangedParams) => changed.push(p));
  });

  after(async () => {
    await client.shutdown();
  });

  it('answers the plotted layers and one series per scheme, values relative to the input', async () => {
    const uri = 'file:///signal.prototxt';
    await client.open(uri, NET, 3);
    const r = (await client.connection.sendRequest(SignalRequestMethod, { uri })) as SignalResult;
    assert.equal(r.uri, uri);
    assert.equal(r.version, 3);
    assert.deepEqual(r.band, [0.01, 100]);
    // Softmax ends the chain: not plotted.
    assert.deepEqual(r.layers.map((l) => [l.name, l.type, l.line]), [['data', 'Input', 2], ['conv1', 'Convolution', 8], ['relu1', 'ReLU', 15]]);
    assert.deepEqual(r.layers[1].topShapes, [[1, 16, 8, 8]]);
    assert.equal(r.layers[1].fanIn, 16);
    assert.deepEqual(r.series.map((s) => s.scheme), ['as-written', 'xavier', 'msra', 'glorot']);
    const asWritten = r.series[0];
    assert.deepEqual(asWritten.forward[0], { value: 1, approximate: false });
    // 16 inputs · 1e-4: 0.0016.
    assert.ok(Math.abs(asWritten.forward[1].value! - 0.0016) < 1e-15);
    const msra = r.series[2];
    assert.ok(Math.abs(msra.forward[1].value! - 2) < 1e-12);
    assert.ok(Math.abs(msra.forward[2].value! - 2 * (0.5 - 1 / (2 * Math.PI))) < 1e-12);
    // Backward, at each layer's bottom (the data layer: its top): a unit gradient at the logits,
    // halved by the ReLU, ×16·Var(w) = ×2 through conv1.
    assert.ok(Math.abs(msra.backward[2].value! - 0.5) < 1e-12);
    assert.ok(Math.abs(msra.backward[1].value! - 1) < 1e-12);
    assert.ok(Math.abs(msra.backward[0].value! - 1) < 1e-12);
    assert.deepEqual(r.notes, []);
  });

  it('computes the schemes asked for, skipping names it does not know', async () => {
    const r = (await client.connection.sendRequest(SignalRequestMethod, { uri: 'file:///signal.prototxt', schemes: ['gaussian:0.25', 'nope', 'msra'] })) as SignalResult;
    assert.deepEqual(r.series.map((s) => [s.scheme, s.label]), [['as-written', 'as written'], ['gaussian:0.25', 'gaussian std 0.25'], ['msra', 'msra (2/fan_in)']]);
    assert.ok(Math.abs(r.series[1].forward[1].value! - 1) < 1e-12);
  });

  it('notifies analysisChanged after publishing a new version, and answers null for a document it does not hold', async () => {
    const uri = 'file:///signal.prototxt';
    await client.change(uri, 4, NET.replace('std: 0.01', 'std: 0.25'));
    await client.diagnosticsFor(uri, (p) => p.version === 4);
    const deadline = Date.now() + 5000;
    while (!changed.some((c) => c.uri === uri && c.version === 4) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.ok(changed.some((c) => c.uri === uri && c.version === 4), JSON.stringify(changed));
    const r = (await client.connection.sendRequest(SignalRequestMethod, { uri })) as SignalResult;
    assert.equal(r.version, 4);
    assert.ok(Math.abs(r.series[0].forward[1].value! - 1) < 1e-12);
    assert.equal(await client.connection.sendRequest(SignalRequestMethod, { uri: 'file:///unknown.prototxt' }), null);
  });
});
