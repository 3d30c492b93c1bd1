import * as assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analysis';
import { fieldHover } from '../../../server/src/core/features/field-hover';
import { hoverAt } from '../../../server/src/core/features/hover';

/** Hover at the `nth` occurrence of `marker` (offset inside it by `into`). */
function hover(text: string, marker: string, into = 1, nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(marker, at + 1);
  assert.ok(at >= 0, `no ${marker}`);
  const a = analyze(text);
  const h = hoverAt(a, at + into);
  return h && { markdown: h.markdown, range: text.slice(h.span.start, h.span.end), fieldDoc: fieldHover(a, at + into)?.markdown };
}

// A 3×3 convolution, 3 → 16 channels, on 1×3×8×8: top 1×16×6×6; weight 16×3×3×3 (fan_in 3·3·3 = 27,
// fan_out 16·3·3 = 144); gaussian std 0.1 → variance 0.01.
const NET = `input: "data" input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }
layer {
  name: "conv1"
  type: "Convolution"
  bottom: "data"
  top: "conv1"
  convolution_param {
    num_output: 16
    kernel_size: 3
    weight_filler { type: "gaussian" std: 0.1 }
  }
}
layer { name: "relu1" type: "ReLU" bottom: "conv1" top: "conv1" }
layer { name: "pool1" type: "Pooling" bottom: "conv1" top: "pool1" pooling_param { pool: MAX kernel_size: 2 stride: 2 } }
`;

describe('hover: layers', () => {
  it('on the name: top shapes, parameter blobs with shapes, counts and fillers, and the parameter count', () => {
    const h = hover(NET, '"conv1"')!;
    assert.equal(h.range, '"conv1"');
    assert.equal(
      h.markdown,
      [
        '**conv1** (Convolution)',
        '',
        'Top: `conv1` 1×16×6×6',
        '',
        '| blob | shape | count | filler |',
        '|---|---|---:|---|',
        '| weight | 16×3×3×3 | 432 | gaussian (std 0.1) |',
        '| bias | 16 | 16 | constant 0 (default) |',
        '',
        'Learnable parameters: 448',
      ].join('\n'),
    );
  });

  it('on the type too; a layer without parameters shows its tops only', () => {
    assert.equal(hover(NET, '"Convolution"')!.range, '"Convolution"');
    assert.equal(hover(NET, '"pool1"')!.markdown, '**pool1** (Pooling)\n\nTop: `pool1` 1×16×3×3');
  });

  it('BatchNorm\'s statistics blobs are listed but not counted as learnable', () => {
    const text = NET + 'layer { name: "bn" type: "BatchNorm" bottom: "pool1" top: "pool1" }\n';
    const md = hover(text, '"bn"')!.markdown;
    assert.ok(md.includes('| mean | 16 | 16 | zeros (statistics, not learned) |'), md);
    assert.ok(md.includes('| moving-average-factor | 1 | 1 | zeros (statistics, not learned) |'), md);
    assert.ok(md.endsWith('Learnable parameters: 0'), md);
  });
});

describe('hover: fillers', () => {
  const TABLE = [
    '**weight_filler** of conv1 (Convolution): weight 16×3×3×3',
    '',
    '| | |',
    '|---|---|',
    '| fan_in | 27 |',
    '| fan_out | 144 |',
    '| filler | gaussian (std 0.1) |',
    '| mean | 0 |',
    '| variance | 0.01 |',
    '| std | 0.1 |',
    '',
    '| scheme | variance | ÷ filler\'s |',
    '|---|---|---|',
    // 1/27 = 0.037037; 2/171 = 0.011696; 2/27 = 0.074074
    '| Caffe xavier 1/n (FAN_IN, n = 27) | 0.03704 | 3.704× |',
    '| Glorot 2/(fan_in+fan_out) | 0.0117 | 1.17× |',
    '| He 2/fan_in | 0.07407 | 7.407× |',
    '',
    'fan_in = count/shape(0), fan_out = count/shape(1): Caffe\'s definition (filler.hpp).  ',
    'Followed by ReLU (relu1).',
  ].join('\n');

  it('on weight_filler: the fans, the filler\'s statistics and the reference variances, then the field\'s documentation', () => {
    const h = hover(NET, 'weight_filler')!;
    assert.equal(h.range, 'weight_filler');
    assert.equal(h.markdown, `${TABLE}\n\n---\n\n${h.fieldDoc}`);
  });

  it('on a field inside the filler: that field\'s documentation first, then the table', () => {
    const h = hover(NET, 'std')!;
    assert.equal(h.range, 'std');
    assert.equal(h.markdown, `${h.fieldDoc}\n\n---\n\n${TABLE}`);
  });

  it('on a value inside the filler: the table alone, for the whole filler', () => {
    const h = hover(NET, '"gaussian"', 2)!;
    assert.equal(h.range, 'weight_filler { type: "gaussian" std: 0.1 }');
    assert.equal(h.markdown, TABLE);
  });

  it('says when Deconvolution reverses the fans, and gives xavier\'s bound', () => {
    // Deconvolution weight (C_in, num_output/group, k, k) = (16, 1, 4, 4): fan_in = 1·4·4 = 16, fan_out = 16·4·4 = 256.
    const text = NET + 'layer { name: "up" type: "Deconvolution" bottom: "pool1" top: "up" convolution_param { num_output: 16 group: 16 kernel_size: 4 stride: 2 bias_term: false weight_filler { type: "xavier" } } }\n';
    const md = hover(text, 'weight_filler', 1, 1)!.markdown;
    assert.ok(md.startsWith('**weight_filler** of up (Deconvolution): weight 16×1×4×4'), md);
    assert.ok(md.includes('| fan_in | 16 |\n| fan_out | 256 |'), md);
    // xavier: variance 1/16, bound √(3/16)
    assert.ok(md.includes('| variance | 0.0625 |\n| bound | ±0.433 |'), md);
    assert.ok(md.includes('Caffe\'s fan_in counts the output side'), md);
  });

  it('with an unknown shape the fans are unknown', () => {
    const text = NET.replace('input: "data" input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }', 'layer { name: "d" type: "Data" top: "data" data_param { source: "db" batch_size: 1 } }');
    const md = hover(text, 'weight_filler')!.markdown;
    assert.ok(md.startsWith('**weight_filler** of conv1 (Convolution): weight of unknown shape'), md);
    assert.ok(md.includes('| fan_in, fan_out | unknown (the blob\'s shape is unknown) |\n| filler | gaussian (std 0.1) |\n| mean | 0 |\n| variance | 0.01 |'), md);
  });
});

describe('hover: blobs', () => {
  it('on a top: its shape, the layer that produces it and the layers that read it', () => {
    const h = hover(NET, 'top: "conv1"', 6)!;
    assert.equal(h.range, '"conv1"');
    assert.equal(h.markdown, 'Blob **conv1**: 1×16×6×6\n\nProduced by **conv1** (Convolution).  \nRead by relu1.');
  });

  it('on a bottom after an in-place layer: the in-place writer', () => {
    const h = hover(NET, 'bottom: "conv1" top: "pool1"', 9)!;
    assert.equal(h.markdown, 'Blob **conv1**: 1×16×6×6\n\nProduced by **relu1** (ReLU), in place over the output of conv1.');
  });

  it('the net\'s output', () => {
    assert.equal(hover(NET, 'top: "pool1"', 6)!.markdown, 'Blob **pool1**: 1×16×3×3\n\nProduced by **pool1** (Pooling).  \nNothing reads it: an output of the net.');
  });
});
