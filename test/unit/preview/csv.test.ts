import * as assert from 'node:assert/strict';
import { csvCell, signalCsv } from '../../../client/src/preview/csv';
import type { SignalResult } from '../../../server/src/protocol';

const RESULT: SignalResult = {
  uri: 'file:///n.prototxt',
  version: 3,
  layers: [
    { name: 'data', type: 'Input', line: 1, character: 8, topShapes: [[64, 3, 32, 32]] },
    { name: 'conv "a", b', type: 'Convolution', line: 7, character: 8, topShapes: [[64, null, 30, 30], null], fanIn: 27, fanOut: 288 },
    { name: '=HYPERLINK("x")', type: 'ReLU', line: 12, character: 8, topShapes: [] },
  ],
  series: [
    {
      scheme: 'as-written',
      label: 'as written',
      forward: [{ value: 1, approximate: false }, { value: 0.0123, approximate: true }, { value: null, approximate: false }],
      backward: [{ value: 2, approximate: false }, { value: 0, approximate: false }, { value: null, approximate: true }],
    },
  ],
  band: [0.01, 100],
  notes: [],
};

describe('preview CSV export', () => {
  const lines = signalCsv(RESULT).split('\r\n');

  it('has a header and one row per layer, scheme and direction, ending with a line break', () => {
    assert.equal(lines[0], 'index,layer,type,top_shapes,fan_in,fan_out,scheme,direction,variance,approximate');
    assert.equal(lines.length, 1 + 3 * 2 + 1);
    assert.equal(lines.at(-1), '');
  });

  it('writes values, shapes and fans as plain fields', () => {
    assert.equal(lines[1], '0,data,Input,64 3 32 32,,,as-written,forward,1,false');
    assert.equal(lines[2], '0,data,Input,64 3 32 32,,,as-written,backward,2,false');
  });

  it('quotes names holding quotes or commas, marks unknown axes and shapes with ?', () => {
    assert.equal(lines[3], '1,"conv ""a"", b",Convolution,64 ? 30 30; ?,27,288,as-written,forward,0.0123,true');
    assert.equal(lines[4], '1,"conv ""a"", b",Convolution,64 ? 30 30; ?,27,288,as-written,backward,0,false');
  });

  it('leaves unknown values empty and defuses names a spreadsheet would run as formulas', () => {
    assert.equal(lines[5], `2,"'=HYPERLINK(""x"")",ReLU,,,,as-written,forward,,false`);
    assert.equal(lines[6], `2,"'=HYPERLINK(""x"")",ReLU,,,,as-written,backward,,true`);
  });

  it('csvCell quotes line breaks and leaves numbers alone', () => {
    assert.equal(csvCell('a\nb', true), '"a\nb"');
    assert.equal(csvCell(-1), '-1');
    assert.equal(csvCell(null), '');
  });
});
