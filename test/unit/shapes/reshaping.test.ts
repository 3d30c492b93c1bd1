import * as assert from 'node:assert/strict';
import { errorOf, runRule, topOf } from './shape-helpers';

const reshape = (p: string) => `type: "Reshape" reshape_param { ${p} }`;

describe('shapes: Reshape (reshape_layer.cpp)', () => {
  it('copies axes written as 0 and infers the one −1 from the count', () => {
    // 2·3·4·5 = 120; dims (0 → 2, 2, −1): 120 / (2·2) = 30
    assert.deepEqual(topOf(reshape('shape { dim: 0 dim: 2 dim: -1 }'), [[2, 3, 4, 5]]), [2, 2, 30]);
    assert.deepEqual(topOf(reshape('shape { dim: 0 dim: -1 }'), [[2, 3, 4, 5]]), [2, 60]);
  });

  it('replaces only the axes [axis, axis + num_axes)', () => {
    // axis 1, num_axes 2: (3, 4) → (−1 = 12)
    assert.deepEqual(topOf(reshape('axis: 1 num_axes: 2 shape { dim: -1 }'), [[2, 3, 4, 5]]), [2, 12, 5]);
    // axis −1 is after the last axis (4 + (−1) + 1 = 4); num_axes 0 inserts
    assert.deepEqual(topOf(reshape('axis: -1 num_axes: 0 shape { dim: 1 dim: 1 }'), [[2, 3, 4, 5]]), [2, 3, 4, 5, 1, 1]);
    // axis 1: the 0 copies bottom axis 1 (3), −1 = 120 / (2·3) = 20
    assert.deepEqual(topOf(reshape('axis: 1 shape { dim: 0 dim: -1 }'), [[2, 3, 4, 5]]), [2, 3, 20]);
  });

  it('reports a count that cannot match, in Caffe\'s words', () => {
    assert.equal(
      errorOf(reshape('shape { dim: 7 dim: -1 }'), [[2, 3, 4, 5]]),
      'reshape-count-mismatch: bottom count (120) must be divisible by the product of the specified dimensions (7)',
    );
    assert.match(errorOf(reshape('shape { dim: 2 dim: 50 }'), [[2, 3, 4, 5]]), /^reshape-count-mismatch: output count must match input count: \(2, 3, 4, 5\) has 120 elements, \(2, 50\) has 100\.$/);
  });

  it('rejects two −1s and a 0 with no axis to copy', () => {
    assert.equal(errorOf(reshape('shape { dim: -1 dim: -1 }'), [[2, 3]]), 'shape-check: new shape contains multiple -1 dims; at most a single (1) value of -1 may be specified');
    assert.equal(errorOf(reshape('shape { dim: 0 dim: 0 dim: 0 }'), [[6, 4]]), 'shape-check: new shape contains a 0, but there was no corresponding bottom axis to copy');
  });

  it('leaves the inferred axis unknown when the input count is', () => {
    assert.deepEqual(topOf(reshape('shape { dim: 0 dim: -1 }'), [[2, null, 4]]), [2, null]);
  });
});

describe('shapes: Flatten (flatten_layer.cpp)', () => {
  it('merges axes [axis, end_axis]', () => {
    assert.deepEqual(topOf('type: "Flatten"', [[2, 3, 4, 5]]), [2, 60]);
    assert.deepEqual(topOf('type: "Flatten" flatten_param { axis: 1 end_axis: 2 }', [[2, 3, 4, 5]]), [2, 12, 5]);
    assert.deepEqual(topOf('type: "Flatten" flatten_param { axis: -2 }', [[2, 3, 4, 5]]), [2, 3, 20]);
  });

  it('refuses to work in place', () => {
    assert.equal(errorOf('type: "Flatten" bottom: "x" top: "x"', [[2, 3]]), 'shape-check: Flatten layer does not allow in-place computation.');
  });
});

describe('shapes: Concat (concat_layer.cpp)', () => {
  it('adds up the concat axis', () => {
    assert.deepEqual(topOf('type: "Concat"', [[2, 3, 4, 4], [2, 5, 4, 4], [2, 1, 4, 4]]), [2, 9, 4, 4]);
    assert.deepEqual(topOf('type: "Concat" concat_param { axis: -1 }', [[2, 3], [2, 4]]), [2, 7]);
  });

  it('reads the legacy concat_dim', () => {
    assert.deepEqual(topOf('type: "Concat" concat_param { concat_dim: 0 }', [[2, 3], [4, 3]]), [6, 3]);
    assert.equal(errorOf('type: "Concat" concat_param { concat_dim: 0 axis: 0 }', [[2, 3], [4, 3]]), 'shape-check: Either axis or concat_dim should be specified; not both.');
  });

  it('reports inputs that disagree off the concat axis, at the offending bottom', () => {
    const run = runRule('type: "Concat" bottom: "a" bottom: "b"', [[1, 64, 56, 56], [1, 32, 28, 28]]);
    assert.equal(
      run.error,
      'shape-mismatch: All inputs must have the same shape, except at concat_axis (1): bottom[0] is (1, 64, 56, 56), bottom[1] is (1, 32, 28, 28), which differ at axis 2.',
    );
    assert.match(errorOf('type: "Concat"', [[1, 64], [1, 64, 1]]), /^shape-mismatch: All inputs must have the same #axes/);
  });
});

describe('shapes: Slice (slice_layer.cpp)', () => {
  it('cuts at the slice points', () => {
    const run = runRule('type: "Slice" top: "a" top: "b" top: "c" slice_param { slice_point: 2 slice_point: 7 }', [[2, 10, 3]]);
    assert.deepEqual(run.tops, [
      [2, 2, 3],
      [2, 5, 3],
      [2, 3, 3],
    ]);
  });

  it('splits evenly without slice points, along the legacy slice_dim too', () => {
    assert.deepEqual(runRule('type: "Slice" top: "a" top: "b"', [[2, 10, 3]]).tops, [
      [2, 5, 3],
      [2, 5, 3],
    ]);
    assert.deepEqual(runRule('type: "Slice" top: "a" top: "b" slice_param { slice_dim: 0 }', [[2, 10, 3]]).tops, [
      [1, 10, 3],
      [1, 10, 3],
    ]);
  });

  it("reports an uneven split and misplaced slice points in Caffe's words", () => {
    assert.equal(errorOf('type: "Slice" top: "a" top: "b" top: "c"', [[2, 10, 3]]), 'shape-check: Number of top blobs (3) should evenly divide input slice axis (10)');
    assert.match(errorOf('type: "Slice" top: "a" top: "b" slice_param { slice_point: 2 slice_point: 7 }', [[2, 10, 3]]), /2 slice points need 3 tops, not 2/);
    assert.match(errorOf('type: "Slice" top: "a" top: "b" slice_param { slice_point: 12 }', [[2, 10, 3]]), /Slice point 12 is beyond the input's size 10 along axis 1/);
  });
});

describe('shapes: Crop (crop_layer.cpp)', () => {
  it('takes bottom[1] sizes from `axis` on (FCN: 44 → 32 at offset 6)', () => {
    assert.deepEqual(topOf('type: "Crop" crop_param { axis: 2 offset: 6 }', [[1, 21, 44, 44], [1, 3, 32, 32]]), [1, 21, 32, 32]);
    assert.deepEqual(topOf('type: "Crop" crop_param { axis: 1 offset: 0 offset: 6 offset: 6 }', [[1, 21, 44, 44], [1, 3, 32, 32]]), [1, 3, 32, 32]);
  });

  it('reports a crop beyond the input with Caffe\'s message', () => {
    // 44 − 19 = 25 < 32
    assert.equal(
      errorOf('type: "Crop" crop_param { axis: 2 offset: 19 }', [[1, 21, 44, 44], [1, 3, 32, 32]]),
      'crop-out-of-bounds: the crop for dimension 2 is out-of-bounds with size 32 and offset 19 (the input has 44).',
    );
    assert.match(errorOf('type: "Crop" crop_param { axis: 2 offset: 1 offset: 2 offset: 3 }', [[1, 21, 44, 44], [1, 3, 32, 32]]), /number of offset values specified must be equal to the number of dimensions following axis/);
  });
});

describe('shapes: Tile, Reduction, ArgMax, BatchReindex, Filter', () => {
  it('Tile multiplies one axis (tile_layer.cpp)', () => {
    assert.deepEqual(topOf('type: "Tile" tile_param { axis: 1 tiles: 3 }', [[2, 3, 4]]), [2, 9, 4]);
    assert.equal(errorOf('type: "Tile" tile_param { axis: 1 }', [[2, 3, 4]]), 'shape-check: Number of tiles must be specified');
  });

  it('Reduction keeps the axes before `axis` (reduction_layer.cpp)', () => {
    assert.deepEqual(topOf('type: "Reduction" reduction_param { axis: 1 }', [[2, 3, 4]]), [2]);
    assert.deepEqual(topOf('type: "Reduction"', [[2, 3, 4]]), []);
  });

  it('ArgMax gives (N, 1, top_k), (N, 2, top_k) with values, or top_k along an axis (argmax_layer.cpp)', () => {
    assert.deepEqual(topOf('type: "ArgMax" argmax_param { top_k: 5 }', [[10, 1000]]), [10, 1, 5]);
    assert.deepEqual(topOf('type: "ArgMax" argmax_param { top_k: 5 out_max_val: true }', [[10, 1000]]), [10, 2, 5]);
    assert.deepEqual(topOf('type: "ArgMax"', [[10, 20, 6, 7]]), [10, 1, 1, 1]);
    assert.deepEqual(topOf('type: "ArgMax" argmax_param { axis: 1 top_k: 3 }', [[10, 20, 6]]), [10, 3, 6]);
    assert.match(errorOf('type: "ArgMax" argmax_param { axis: 2 top_k: 7 }', [[10, 20, 6]]), /^shape-check: top_k must be less than or equal to the dimension of the axis/);
  });

  it('BatchReindex takes the batch from the index blob (batch_reindex_layer.cpp)', () => {
    assert.deepEqual(topOf('type: "BatchReindex"', [[10, 3, 4], [6]]), [6, 3, 4]);
  });

  it('Filter leaves the kept batch unknown, since only the data decides it (filter_layer.cpp)', () => {
    const run = runRule('type: "Filter" top: "x" top: "y"', [[10, 3], [10, 5], [10, 1]]);
    assert.deepEqual(run.tops, [
      [null, 3],
      [null, 5],
    ]);
    assert.match(errorOf('type: "Filter" top: "x"', [[10, 3], [8, 1]]), /Each bottom should have the same 0th dimension as the selector blob/);
  });
});
