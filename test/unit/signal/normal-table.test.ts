/** The tabulated Φ and φ the window-maximum integration reads, against the double-precision ones. */
import * as assert from 'node:assert/strict';
import { Phi, phi } from '../../../server/src/core/signal/normal';
import { tablePhi, tablephi } from '../../../server/src/core/signal/spatial/normal-table';

describe('signal: tabulated normal distribution', () => {
  it('agrees with Φ and φ to 3e-10 across [−10, 10], off the table nodes included', () => {
    let worst = 0;
    for (let z = -10; z <= 10; z += 0.0137) {
      worst = Math.max(worst, Math.abs(tablePhi(z) - Phi(z)), Math.abs(tablephi(z) - phi(z)));
    }
    assert.ok(worst < 3e-10, `worst absolute error ${worst}`);
  });

  it('keeps the far tails relatively close, never negative, and passes NaN through', () => {
    for (const z of [-8.9, -8.31, -7.5, -6.02]) {
      const rel = Math.abs(tablePhi(z) - Phi(z)) / Phi(z);
      assert.ok(tablePhi(z) > 0 && rel < 1e-4, `Φ(${z}): table ${tablePhi(z)}, exact ${Phi(z)}`);
    }
    assert.equal(tablePhi(-50), 0);
    assert.equal(tablePhi(50), 1);
    assert.ok(Number.isNaN(tablePhi(NaN)) && Number.isNaN(tablephi(NaN)));
  });
});
