import * as assert from 'node:assert/strict';
import type { SignalResult } from '../../../server/src/protocol';
import { plotModel } from '../../../media/src/preview/plot-model';
import { DEFAULT_PREVIEW_STATE } from '../../../client/src/preview/webview-messages';

const v = (value: number | null, approximate = false) => ({ value, approximate });
const RESULT: SignalResult = {
  uri: 'u',
  version: 1,
  layers: ['data', 'conv1', 'relu1', 'py'].map((name) => ({ name, type: 'T', line: 0, character: 0, topShapes: [] })),
  series: [
    { scheme: 'as-written', label: 'as written', forward: [v(1), v(0), v(0), v(null)], backward: [v(0.003), v(0.5, true), v(1), v(null)] },
    { scheme: 'msra', label: 'He', forward: [v(1), v(2), v(1, true), v(null)], backward: [v(1), v(1), v(1), v(null)] },
  ],
  band: [0.01, 100],
  notes: [{ message: 'py is a Python layer' }],
};

describe('preview plot model', () => {
  const m = plotModel(RESULT, DEFAULT_PREVIEW_STATE);

  it('one line per scheme and direction, labelled, x labels are the layer names', () => {
    assert.deepEqual(m.labels, ['data', 'conv1', 'relu1', 'py']);
    assert.deepEqual(m.lines.map((l) => l.label), ['as written (forward)', 'as written (backward)', 'He (forward)', 'He (backward)']);
  });

  it('whole-decade bounds around the values and the band, one decade of room below', () => {
    assert.equal(m.yMin, 1e-4);
    assert.equal(m.yMax, 100);
  });

  it('vanished values sit on the floor as triangles; unknown ones leave a gap; approximations are marked', () => {
    const fw = m.lines[0];
    assert.deepEqual(fw.y, [1, 1e-4, 1e-4, null]);
    assert.deepEqual(fw.marks, ['exact', 'vanished', 'vanished', 'unknown']);
    assert.deepEqual(m.lines[1].marks, ['exact', 'approximate', 'exact', 'unknown']);
  });

  it('toggles hide lines by scheme and by direction', () => {
    const hidden = plotModel(RESULT, { ...DEFAULT_PREVIEW_STATE, hiddenSchemes: ['msra'], showBackward: false });
    assert.deepEqual(hidden.lines.map((l) => l.hidden), [false, true, true, true]);
  });

  it('knows when nothing at all is known (the notes then replace the chart)', () => {
    assert.equal(m.anyKnown, true);
    const none = plotModel({ ...RESULT, series: RESULT.series.map((s) => ({ ...s, forward: s.forward.map(() => v(null)), backward: s.backward.map(() => v(null)) })) }, DEFAULT_PREVIEW_STATE);
    assert.equal(none.anyKnown, false);
    assert.equal(none.yMin, 1e-3);
  });
});
