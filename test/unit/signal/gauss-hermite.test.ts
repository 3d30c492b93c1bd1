import * as assert from 'node:assert/strict';
import { expectNormal, gaussHermite } from '../../../server/src/core/signal/gauss-hermite';
import { Phi } from '../../../server/src/core/signal/normal';
import { maxOfNormals } from '../../../server/src/core/signal/order-statistics';
import { normals, Trials, assertWithin } from './signal-helpers';

describe('signal: numerical integration', () => {
  it('Gauss–Hermite nodes give the normal moments exactly (E[X²] = 1, E[X⁴] = 3, E[X⁶] = 15)', () => {
    const q = gaussHermite(40);
    assert.equal(q.points.length, 40);
    assert.ok(Math.abs(q.weights.reduce((a, b) => a + b, 0) - 1) < 1e-14);
    assert.ok(Math.abs(expectNormal((x) => x * x, 0, 1) - 1) < 1e-12);
    assert.ok(Math.abs(expectNormal((x) => x ** 4, 0, 1) - 3) < 1e-11);
    assert.ok(Math.abs(expectNormal((x) => x ** 6, 0, 1) - 15) < 1e-9);
    // E[X²] for N(m, v) = m² + v.
    assert.ok(Math.abs(expectNormal((x) => x * x, 0.5, 2) - 2.25) < 1e-12);
  });

  it('E[tanh(X)²]/v matches the init-math note (0.98 at v=0.01, 0.84 at 0.1, 0.39 at 1)', () => {
    const ratio = (v: number) => expectNormal((x) => Math.tanh(x) ** 2, 0, v) / v;
    assert.equal(ratio(0.01).toFixed(2), '0.98');
    assert.equal(ratio(0.1).toFixed(2), '0.84');
    assert.equal(ratio(1).toFixed(2), '0.39');
  });

  it('Φ to double precision in the tails', () => {
    assert.ok(Math.abs(Phi(0) - 0.5) < 1e-16);
    assert.ok(Math.abs(Phi(1.96) - 0.9750021048517795) < 1e-15);
    assert.ok(Math.abs(Phi(-5) - 2.866515718791939e-7) / 2.866515718791939e-7 < 1e-12);
  });

  it('the maximum of a standard normals: E[M₂] = 1/√π exactly, E[M₉] by sampling', () => {
    assert.ok(Math.abs(maxOfNormals(2).mean - 1 / Math.sqrt(Math.PI)) < 1e-6);
    const g = normals(7);
    const t = new Trials();
    for (let trial = 0; trial < 400; trial++) {
      const maxima = new Float64Array(200);
      for (let i = 0; i < maxima.length; i++) {
        let m = -Infinity;
        for (let k = 0; k < 9; k++) m = Math.max(m, g());
        maxima[i] = m;
      }
      t.add(maxima);
    }
    const e = t.estimate();
    const d = maxOfNormals(9);
    assertWithin('E[M9]', d.mean, e.mean, e.meanSe);
    assertWithin('E[M9²]', d.second, e.second, e.secondSe);
  });
});
