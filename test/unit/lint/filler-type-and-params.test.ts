import * as assert from 'node:assert/strict';
import { applyEdits, at, lintOf, withCode } from './lint-of';

const INPUT = 'input: "data" input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }\n';
const conv = (filler: string, extra = '') =>
  INPUT + `layer { name: "c" type: "Convolution" bottom: "data" top: "c" convolution_param { num_output: 4 kernel_size: 3 ${extra}weight_filler { ${filler} } } }\n`;

describe('lint: unknown-filler-type (GetFiller, filler.hpp)', () => {
  it('is an error in Caffe\'s words with a did-you-mean fix', () => {
    const text = conv('type: "xaiver"');
    const [d] = withCode(lintOf(text), 'unknown-filler-type');
    assert.equal(d.severity, 'error');
    assert.equal(at(text, d), '"xaiver"');
    assert.equal(
      d.message,
      'Unknown filler name: xaiver. Caffe aborts when it builds the net (GetFiller knows constant, uniform, gaussian, positive_unitball, xavier, msra, bilinear). Did you mean "xavier"?',
    );
    assert.equal(d.fixes![0].title, 'Change to "xavier"');
    const fixed = applyEdits(text, d.fixes![0].edits);
    assert.ok(fixed.includes('weight_filler { type: "xavier" }'));
    assert.deepEqual(withCode(lintOf(fixed), 'unknown-filler-type'), []);
  });

  it('keeps single quotes', () => {
    const text = conv("type: 'gausian'");
    const [d] = withCode(lintOf(text), 'unknown-filler-type');
    assert.ok(applyEdits(text, d.fixes![0].edits).includes("type: 'gaussian'"));
  });

  it('offers nothing when no name is close, and checks fillers of every layer (DummyData, other phases)', () => {
    const text = 'layer { name: "d" type: "DummyData" top: "x" dummy_data_param { shape { dim: 2 } data_filler { type: "normal" } } }\n' +
      'layer { name: "t" type: "InnerProduct" bottom: "x" top: "y" include { phase: TEST } inner_product_param { num_output: 2 weight_filler { type: "he" } } }\n';
    const ds = withCode(lintOf(text), 'unknown-filler-type');
    assert.deepEqual(ds.map((d) => at(text, d)), ['"normal"', '"he"']);
    assert.equal(ds[0].fixes, undefined);
  });
});

describe('lint: filler-param-ignored', () => {
  it('std on xavier is ignored: a warning with a fix that removes it', () => {
    const text = conv('type: "xavier" std: 0.01');
    const [d] = withCode(lintOf(text), 'filler-param-ignored');
    assert.equal(d.severity, 'warning');
    assert.equal(at(text, d), 'std');
    assert.equal(d.message, 'weight_filler: "std" is ignored by the xavier filler — its variance is 1/n from the blob\'s fans (n per variance_norm); it reads only variance_norm.');
    assert.ok(applyEdits(text, d.fixes![0].edits).includes('weight_filler { type: "xavier" }'));
  });

  it('std on msra, variance_norm on gaussian and uniform', () => {
    assert.equal(withCode(lintOf(conv('type: "msra" std: 0.1')), 'filler-param-ignored').length, 1);
    const g = conv('type: "gaussian" std: 0.01 variance_norm: AVERAGE');
    assert.deepEqual(withCode(lintOf(g), 'filler-param-ignored').map((d) => at(g, d)), ['variance_norm']);
    const u = conv('type: "uniform" min: -0.1 max: 0.1 variance_norm: FAN_OUT');
    assert.deepEqual(withCode(lintOf(u), 'filler-param-ignored').map((d) => at(u, d)), ['variance_norm']);
  });

  it('removes a field written on its own line with its line', () => {
    const text = INPUT + `layer {
  name: "c"
  type: "Convolution"
  bottom: "data"
  top: "c"
  convolution_param {
    num_output: 4
    kernel_size: 3
    weight_filler {
      type: "xavier"
      std: 0.01
    }
  }
}
`;
    const [d] = withCode(lintOf(text), 'filler-param-ignored');
    assert.ok(applyEdits(text, d.fixes![0].edits).includes('    weight_filler {\n      type: "xavier"\n    }\n'));
  });

  it('says nothing for fields the filler reads', () => {
    assert.deepEqual(withCode(lintOf(conv('type: "gaussian" mean: 0 std: 0.01')), 'filler-param-ignored'), []);
    assert.deepEqual(withCode(lintOf(conv('type: "xavier" variance_norm: AVERAGE')), 'filler-param-ignored'), []);
  });
});

describe('lint: filler-param-invalid (Caffe CHECKs)', () => {
  it('sparse on a filler other than gaussian aborts Caffe', () => {
    const text = conv('type: "xavier" sparse: 5');
    const [d] = withCode(lintOf(text), 'filler-param-invalid');
    assert.equal(d.severity, 'error');
    assert.equal(at(text, d), 'sparse');
    assert.match(d.message, /Sparsity not supported by this Filler\./);
    assert.deepEqual(withCode(lintOf(text), 'filler-param-ignored'), [], 'reported once, as invalid');
  });

  it('gaussian std 0 and uniform min > max', () => {
    assert.match(withCode(lintOf(conv('type: "gaussian" std: 0')), 'filler-param-invalid')[0].message, /sigma > 0/);
    assert.match(withCode(lintOf(conv('type: "uniform" min: 1 max: -1')), 'filler-param-invalid')[0].message, /min 1 > max -1/);
  });

  it('sparse beyond shape(0) makes the keep probability exceed 1', () => {
    const text = INPUT + 'layer { name: "ip" type: "InnerProduct" bottom: "data" top: "ip" inner_product_param { num_output: 10 weight_filler { type: "gaussian" std: 0.1 sparse: 15 } } }\n';
    const [d] = withCode(lintOf(text, { shapes: { ip: [[10, 192], [10]] } }), 'filler-param-invalid');
    assert.equal(at(text, d), 'sparse');
    assert.match(d.message, /sparse: 15 exceeds shape\(0\) = 10 .* sparse\/shape\(0\) = 1\.5 is above 1/);
  });

  it('bilinear needs a 4-D blob with a square kernel', () => {
    const deconv = (kernel: string) =>
      INPUT + `layer { name: "up" type: "Deconvolution" bottom: "data" top: "up" convolution_param { num_output: 3 group: 3 ${kernel} weight_filler { type: "bilinear" } bias_term: false } }\n`;
    const rect = deconv('kernel_h: 4 kernel_w: 3 stride: 2');
    const [d] = withCode(lintOf(rect, { shapes: { up: [[3, 1, 4, 3]] } }), 'filler-param-invalid');
    assert.equal(at(rect, d), '"bilinear"');
    assert.match(d.message, /kernel 4×3\): Caffe aborts \("Filter must be square"\)/);
    const ok = deconv('kernel_size: 4 stride: 2');
    assert.deepEqual(lintOf(ok, { shapes: { up: [[3, 1, 4, 4]] } }).filter((x) => x.code !== 'missing-weight-filler'), []);
    const ip = INPUT + 'layer { name: "ip" type: "InnerProduct" bottom: "data" top: "ip" inner_product_param { num_output: 4 weight_filler { type: "bilinear" } } }\n';
    assert.match(withCode(lintOf(ip, { shapes: { ip: [[4, 192], [4]] } }), 'filler-param-invalid')[0].message, /needs a 4-D blob, but ip's weight is 4×192 \(2-D\)/);
  });
});

describe('lint: bilinear-not-deconvolution', () => {
  it('warns for a bilinear kernel in a Convolution', () => {
    const text = conv('type: "bilinear"');
    const [d] = withCode(lintOf(text, { shapes: { c: [[4, 3, 3, 3], [4]] } }), 'bilinear-not-deconvolution');
    assert.equal(d.severity, 'warning');
    assert.match(d.message, /upsampling kernel for Deconvolution/);
  });
});
