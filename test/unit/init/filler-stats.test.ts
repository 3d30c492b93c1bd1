import * as assert from 'node:assert/strict';
import { FILLER_DEFAULTS, type FillerValues } from '../../../server/src/core/init/filler-spec';
import { bilinearWeight, fillerStats, KNOWN_FILLER_TYPES } from '../../../server/src/core/init/filler-stats';
import { prng } from '../../helpers/prng';

const filler = (v: Partial<FillerValues>): FillerValues => ({ ...FILLER_DEFAULTS, ...v });

function near(actual: number, expected: number, rel = 1e-12): void {
  assert.ok(Math.abs(actual - expected) <= rel * Math.max(1, Math.abs(expected)), `${actual} ≉ ${expected}`);
}

describe('init: filler statistics against the formulas of filler.hpp', () => {
  it('knows exactly the filler names GetFiller accepts', () => {
    assert.deepEqual([...KNOWN_FILLER_TYPES].sort(), ['bilinear', 'constant', 'gaussian', 'msra', 'positive_unitball', 'uniform', 'xavier']);
    assert.equal(fillerStats(filler({ type: 'xaiver' }), [4, 4]), undefined);
  });

  it('constant: mean = value, variance 0', () => {
    const s = fillerStats(filler({ type: 'constant', value: 0.2 }), [3])!;
    assert.deepEqual([s.mean, s.variance, s.deterministic], [0.2, 0, true]);
  });

  it('uniform defaults U(0,1): mean 1/2, variance 1/12', () => {
    const s = fillerStats(filler({ type: 'uniform' }), [3, 3])!;
    near(s.mean, 0.5);
    near(s.variance, 1 / 12);
  });

  it('uniform U(-0.1, 0.3): mean 0.1, variance 0.4²/12', () => {
    const s = fillerStats(filler({ type: 'uniform', min: -0.1, max: 0.3 }), undefined)!;
    near(s.mean, 0.1);
    near(s.variance, 0.16 / 12);
  });

  it('gaussian: mean and std² (no shape needed)', () => {
    const s = fillerStats(filler({ type: 'gaussian', mean: 0.5, std: 0.01 }), undefined)!;
    near(s.mean, 0.5);
    near(s.variance, 1e-4);
  });

  it('sparse gaussian: keeps each value with p = sparse/shape(0)', () => {
    // shape (20, 50), sparse 5: p = 1/4; Var = p(σ²+μ²) − p²μ² with μ = 0.2, σ = 0.5
    const s = fillerStats(filler({ type: 'gaussian', mean: 0.2, std: 0.5, sparse: 5 }), [20, 50])!;
    near(s.mean, 0.25 * 0.2);
    near(s.variance, 0.25 * (0.25 + 0.04) - 0.0625 * 0.04);
    assert.equal(fillerStats(filler({ type: 'gaussian', sparse: 5 }), undefined), undefined);
  });

  it('xavier: U(±√(3/n)), variance 1/n with n per variance_norm', () => {
    const shape = [64, 3, 7, 5];
    const fanIn = 3 * 7 * 5;
    const fanOut = 64 * 7 * 5;
    near(fillerStats(filler({ type: 'xavier' }), shape)!.variance, 1 / fanIn);
    near(fillerStats(filler({ type: 'xavier', varianceNorm: 'FAN_OUT' }), shape)!.variance, 1 / fanOut);
    const avg = fillerStats(filler({ type: 'xavier', varianceNorm: 'AVERAGE' }), shape)!;
    near(avg.variance, 2 / (fanIn + fanOut));
    assert.deepEqual(avg.spread, { kind: 'bound', bound: Math.sqrt(3 / ((fanIn + fanOut) / 2)) });
    assert.equal(fillerStats(filler({ type: 'xavier' }), undefined), undefined);
  });

  it('msra: N(0, 2/n)', () => {
    const s = fillerStats(filler({ type: 'msra' }), [128, 64, 3, 3])!;
    near(s.variance, 2 / (64 * 9));
    near(s.mean, 0);
  });

  it('positive_unitball: mean exactly 1/fan_in', () => {
    near(fillerStats(filler({ type: 'positive_unitball' }), [10, 3, 5, 5])!.mean, 1 / 75);
    assert.equal(fillerStats(filler({ type: 'positive_unitball' }), [7, 1])!.variance, 0, 'a one-value row is always 1');
  });

  it('bilinear: the 4×4 kernel of Caffe\'s formula (f = 2, c = 3/4)', () => {
    // Rows/columns weigh (1 - |x/2 - 3/4|) = 0.25, 0.75, 0.75, 0.25
    const w1 = [0.25, 0.75, 0.75, 0.25];
    for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) near(bilinearWeight(4, x, y), w1[x] * w1[y]);
    const s = fillerStats(filler({ type: 'bilinear' }), [8, 1, 4, 4])!;
    const mean1 = (0.25 + 0.75 + 0.75 + 0.25) / 4; // 0.5
    const sq1 = (0.0625 * 2 + 0.5625 * 2) / 4; // 0.3125
    near(s.mean, mean1 * mean1);
    near(s.variance, sq1 * sq1 - mean1 ** 4);
    assert.equal(s.deterministic, true);
    assert.equal(fillerStats(filler({ type: 'bilinear' }), [8, 1, 4, 3]), undefined, 'not square');
  });
});

// A seeded Monte Carlo draw of each filler, sampled the way filler.hpp does, compared with the
// formulas within 5 standard errors (the standard error taken from the sample's own moments).
describe('init: filler statistics against a seeded Monte Carlo draw', () => {
  const rand = prng(20150206);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const count = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

  /** Fill a blob like filler.hpp: returns its values. */
  const SAMPLERS: Record<string, (f: FillerValues, shape: number[]) => Float64Array> = {
    uniform: (f, shape) => Float64Array.from({ length: count(shape) }, () => f.min + (f.max - f.min) * rand()),
    gaussian: (f, shape) => {
      const p = f.sparse >= 0 ? f.sparse / shape[0] : 1;
      return Float64Array.from({ length: count(shape) }, () => (f.mean + f.std * gauss()) * (rand() < p ? 1 : 0));
    },
    positive_unitball: (_f, shape) => {
      const data = Float64Array.from({ length: count(shape) }, () => rand());
      const dim = data.length / shape[0];
      for (let i = 0; i < shape[0]; i++) {
        let sum = 0;
        for (let j = 0; j < dim; j++) sum += data[i * dim + j];
        for (let j = 0; j < dim; j++) data[i * dim + j] /= sum;
      }
      return data;
    },
    xavier: (f, shape) => {
      const fanIn = count(shape) / shape[0];
      const fanOut = count(shape) / shape[1];
      const n = f.varianceNorm === 'AVERAGE' ? (fanIn + fanOut) / 2 : f.varianceNorm === 'FAN_OUT' ? fanOut : fanIn;
      const scale = Math.sqrt(3 / n);
      return Float64Array.from({ length: count(shape) }, () => -scale + 2 * scale * rand());
    },
    msra: (f, shape) => {
      const fanIn = count(shape) / shape[0];
      const fanOut = count(shape) / shape[1];
      const n = f.varianceNorm === 'AVERAGE' ? (fanIn + fanOut) / 2 : f.varianceNorm === 'FAN_OUT' ? fanOut : fanIn;
      return Float64Array.from({ length: count(shape) }, () => Math.sqrt(2 / n) * gauss());
    },
  };

  /**
   * Sample mean and variance, with standard errors from the spread of per-row (shape(0)-slice)
   * figures: rows are independent even where values within a row are not (positive_unitball).
   */
  function moments(x: Float64Array, rows: number): { mean: number; variance: number; seMean: number; seVar: number } {
    const n = x.length;
    const per = n / rows;
    let mean = 0;
    for (const v of x) mean += v;
    mean /= n;
    const rowMeans: number[] = [];
    const rowSq: number[] = [];
    for (let r = 0; r < rows; r++) {
      let m = 0;
      let q = 0;
      for (let j = 0; j < per; j++) {
        const v = x[r * per + j];
        m += v;
        q += (v - mean) ** 2;
      }
      rowMeans.push(m / per);
      rowSq.push(q / per);
    }
    const avg = (a: number[]): number => a.reduce((s, v) => s + v, 0) / a.length;
    const se = (a: number[]): number => {
      const m = avg(a);
      return Math.sqrt(a.reduce((s, v) => s + (v - m) ** 2, 0) / (a.length - 1) / a.length);
    };
    return { mean, variance: avg(rowSq), seMean: se(rowMeans), seVar: se(rowSq) };
  }

  const cases: [string, Partial<FillerValues>, number[]][] = [
    ['uniform defaults', { type: 'uniform' }, [200, 100]],
    ['uniform U(-0.2, 0.5)', { type: 'uniform', min: -0.2, max: 0.5 }, [200, 100]],
    ['gaussian N(0.1, 0.05²)', { type: 'gaussian', mean: 0.1, std: 0.05 }, [200, 100]],
    ['sparse gaussian', { type: 'gaussian', mean: 0.3, std: 0.5, sparse: 15 }, [50, 400]],
    ['positive_unitball', { type: 'positive_unitball' }, [2000, 3, 3, 3]],
    ['xavier FAN_IN', { type: 'xavier' }, [64, 8, 5, 5]],
    ['xavier AVERAGE', { type: 'xavier', varianceNorm: 'AVERAGE' }, [64, 8, 5, 5]],
    ['msra FAN_OUT', { type: 'msra', varianceNorm: 'FAN_OUT' }, [32, 16, 3, 3]],
  ];
  for (const [name, values, shape] of cases) {
    it(`${name} ${shape.join('×')}`, () => {
      const f = filler(values);
      const s = fillerStats(f, shape)!;
      const m = moments(SAMPLERS[f.type](f, shape), shape[0]);
      assert.ok(Math.abs(m.mean - s.mean) <= 5 * m.seMean + 1e-12, `mean ${m.mean} vs ${s.mean} (se ${m.seMean})`);
      assert.ok(Math.abs(m.variance - s.variance) <= 5 * m.seVar + 1e-12, `variance ${m.variance} vs ${s.variance} (se ${m.seVar})`);
    });
  }
});
