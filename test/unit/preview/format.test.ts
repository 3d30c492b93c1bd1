import * as assert from 'node:assert/strict';
import { formatFans, formatNumber, formatShape, formatTopShapes, formatValue } from '../../../media/src/preview/format';

describe('preview number and shape formatting', () => {
  it('3 significant digits near 1, exponent form far from it, 0 as 0', () => {
    assert.equal(formatNumber(1), '1');
    assert.equal(formatNumber(0.5), '0.5');
    assert.equal(formatNumber(0.0123456), '0.0123');
    assert.equal(formatNumber(1234.5), '1230');
    assert.equal(formatNumber(0.000123456), '1.23e-4');
    assert.equal(formatNumber(3.2e-11), '3.2e-11');
    assert.equal(formatNumber(2e5), '2e5');
    assert.equal(formatNumber(0), '0');
  });

  it('unknown values say so; approximations carry ≈', () => {
    assert.equal(formatValue({ value: null, approximate: false }), 'unknown');
    assert.equal(formatValue(undefined), 'unknown');
    assert.equal(formatValue({ value: 0.25, approximate: true }), '≈ 0.25');
    assert.equal(formatValue({ value: 0.25, approximate: false }), '0.25');
  });

  it('shapes with × and ? for unknown axes; several tops joined; fans only when known', () => {
    assert.equal(formatShape([64, 3, 32, 32]), '64 × 3 × 32 × 32');
    assert.equal(formatShape([64, null, 7]), '64 × ? × 7');
    assert.equal(formatShape(null), 'unknown');
    const layer = { name: 'l', type: 'Slice', line: 0, character: 0, topShapes: [[2, 3], null] };
    assert.equal(formatTopShapes(layer), '2 × 3, unknown');
    assert.equal(formatFans(layer), '');
    assert.equal(formatFans({ ...layer, fanIn: 27, fanOut: 288 }), 'fan_in 27 · fan_out 288');
  });
});
