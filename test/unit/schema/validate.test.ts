import * as assert from 'node:assert/strict';
import { analyze, parsesInCaffe } from '../../../server/src/core/analysis';

/** The schema-stage diagnostics of a text, as "code: message". */
function schemaFindings(text: string): string[] {
  return analyze(text).schema.diagnostics.map((d) => `${d.code}: ${d.message}`);
}

function only(text: string): { code: string; message: string; at: string } {
  const a = analyze(text);
  assert.deepEqual(a.syntax.errors.map((e) => e.message), [], 'no syntax errors expected');
  assert.equal(a.schema.diagnostics.length, 1, `expected one schema diagnostic, got ${JSON.stringify(a.schema.diagnostics.map((d) => d.message))}`);
  const d = a.schema.diagnostics[0];
  return { code: d.code, message: d.message, at: text.slice(d.span.start, d.span.end) };
}

describe('schema: fields', () => {
  it('reports an unknown field in protobuf\'s words, with a did-you-mean and its quick fix', () => {
    const text = 'layer { name: "bn" type: "BatchNorm" batch_norm_parm { eps: 0.001 } }';
    const d = analyze(text).schema.diagnostics[0];
    assert.equal(d.code, 'unknown-field');
    assert.equal(d.message, 'Message type "caffe.LayerParameter" has no field named "batch_norm_parm". Did you mean "batch_norm_param"?');
    assert.equal(text.slice(d.span.start, d.span.end), 'batch_norm_parm');
    assert.deepEqual(d.fixes?.[0].edits, [{ span: d.span, newText: 'batch_norm_param' }]);
  });

  it('gives no suggestion when nothing is close', () => {
    assert.deepEqual(only('layer { zzzzqqq: 1 }'), {
      code: 'unknown-field',
      message: 'Message type "caffe.LayerParameter" has no field named "zzzzqqq".',
      at: 'zzzzqqq',
    });
  });

  it('names the fork for fields that only forks define', () => {
    const d = only('layer { name: "roi" type: "ROIPooling" roi_pooling_param { pooled_w: 7 } }');
    assert.equal(d.code, 'fork-field');
    assert.match(d.message, /^Message type "caffe.LayerParameter" has no field named "roi_pooling_param"\./);
    assert.match(d.message, /not in BVLC caffe\.proto/);
  });

  it('rejects extension and Any names, which caffe.proto does not declare', () => {
    assert.equal(only('[caffe.foo]: 1').code, 'unsupported-extension');
    assert.equal(only('layer { [type.googleapis.com/caffe.X] { } }').code, 'unsupported-extension');
  });

  it('rejects a singular field given twice, pointing at the second and relating the first', () => {
    const text = 'layer { name: "a" name: "b" }';
    const a = analyze(text);
    const d = a.schema.diagnostics[0];
    assert.equal(d.message, 'Non-repeated field "name" is specified multiple times.');
    assert.equal(d.span.start, text.lastIndexOf('name'));
    assert.equal(d.related?.[0].span.start, text.indexOf('name'));
  });

  it('accepts repeated fields given many times and as lists, also empty lists', () => {
    assert.deepEqual(schemaFindings('layer { bottom: "a" bottom: "b" top: ["c", "d"] loss_weight: [] }'), []);
    assert.deepEqual(schemaFindings('layer [ { name: "a" }, < name: "b" > ]'), []);
  });

  it('rejects a list on a singular field', () => {
    assert.equal(only('layer { convolution_param { num_output: [1, 2] } }').code, 'list-on-singular');
  });

  it('requires a colon before scalars (quick fix inserts it) but not before messages', () => {
    const text = 'layer { convolution_param { num_output 5 } }';
    const a = analyze(text);
    const d = a.schema.diagnostics[0];
    assert.equal(d.code, 'missing-colon');
    assert.match(d.message, /^Expected ":", found "5"\./);
    assert.deepEqual(d.fixes?.[0].edits, [{ span: { start: text.indexOf(' 5'), end: text.indexOf(' 5') }, newText: ':' }]);
    assert.deepEqual(schemaFindings('layer: { convolution_param: { num_output: 5 } }'), []);
  });

  it('reports a scalar where a message belongs, and a message where a scalar belongs', () => {
    const a = only('layer { convolution_param: 5 }');
    assert.equal(a.code, 'expected-message');
    assert.match(a.message, /^Expected "\{", found "5"\./);
    const b = only('layer { convolution_param { num_output { } } }');
    assert.equal(b.code, 'expected-scalar');
    assert.equal(b.at, '{');
  });

  it('reports a missing required field (ClipParameter min/max) as Caffe\'s parser does', () => {
    const d = only('layer { name: "c" type: "Clip" clip_param { min: 0 } }');
    assert.equal(d.code, 'missing-required-field');
    assert.match(d.message, /"max"/);
    assert.equal(d.at, 'clip_param');
  });
});

describe('schema: values', () => {
  const cases: [string, string, string, string][] = [
    // [input, code, protobuf message prefix, text under the span]
    ['layer { convolution_param { num_output: -1 } }', 'wrong-value-type', 'Expected integer, got: -', '-'],
    ['layer { convolution_param { num_output: 1.5 } }', 'wrong-value-type', 'Expected integer, got: 1.5', '1.5'],
    ['layer { convolution_param { num_output: "8" } }', 'wrong-value-type', 'Expected integer, got: "8"', '"8"'],
    ['layer { convolution_param { num_output: 4294967296 } }', 'integer-out-of-range', 'Integer out of range (4294967296)', '4294967296'],
    ['layer { convolution_param { axis: -2147483649 } }', 'integer-out-of-range', 'Integer out of range (2147483649)', '2147483649'],
    ['layer { convolution_param { axis: 2147483648 } }', 'integer-out-of-range', 'Integer out of range (2147483648)', '2147483648'],
    ['input_shape { dim: 9223372036854775808 }', 'integer-out-of-range', 'Integer out of range (9223372036854775808)', '9223372036854775808'],
    ['layer { convolution_param { weight_filler { std: 0x10 } } }', 'wrong-value-type', 'Expect a decimal number, got: 0x10', '0x10'],
    ['layer { convolution_param { weight_filler { std: Foo } } }', 'wrong-value-type', 'Expected double, got: foo', 'Foo'],
    ['layer { convolution_param { weight_filler { std: "1" } } }', 'wrong-value-type', 'Expected double, got: "1"', '"1"'],
    ['layer { convolution_param { weight_filler { type: 1 } } }', 'wrong-value-type', 'Expected string, got: 1', '1'],
    ['layer { convolution_param { weight_filler { variance_norm: 7 } } }', 'unknown-enum-value', 'Unknown enumeration value of "7" for field "variance_norm".', '7'],
    ['layer { convolution_param { weight_filler { variance_norm: "FAN_IN" } } }', 'wrong-value-type', 'Expected integer or identifier, got: "FAN_IN"', '"FAN_IN"'],
    ['layer { pooling_param { pool: AVG } }', 'unknown-enum-value', 'Unknown enumeration value of "AVG" for field "pool". Did you mean "AVE"?', 'AVG'],
    ['layer { phase: test }', 'unknown-enum-value', 'Unknown enumeration value of "test" for field "phase". Did you mean "TEST"?', 'test'],
    ['layer { convolution_param { bias_term: 2 } }', 'integer-out-of-range', 'Integer out of range (2)', '2'],
    ['layer { convolution_param { bias_term: yes } }', 'wrong-value-type', 'Invalid value for boolean field "bias_term". Value: "yes".', 'yes'],
    ['layer { convolution_param { bias_term: 1.0 } }', 'wrong-value-type', 'Expected identifier, got: 1.0', '1.0'],
    ['debug_info: FALSE', 'wrong-value-type', 'Invalid value for boolean field "debug_info". Value: "FALSE".', 'FALSE'],
  ];
  for (const [input, code, message, at] of cases) {
    it(`${input}  →  ${message}`, () => {
      const d = only(input);
      assert.equal(d.code, code);
      assert.ok(d.message.startsWith(message), d.message);
      assert.equal(d.at, at);
    });
  }

  it('accepts every form protobuf accepts', () => {
    const ok = [
      'layer { convolution_param { axis: 0x7fffffff } }',
      'layer { convolution_param { axis: -0x80000000 } }',
      'layer { convolution_param { axis: 010 } }',
      'layer { convolution_param { weight_filler { std: - # sign, then a comment\n 1e-2 } } }',
      'layer { convolution_param { weight_filler { std: 1f mean: .5 min: 5. max: 1.5E+3 } } }',
      'layer { convolution_param { weight_filler { std: -inf mean: NaN max: Infinity } } }',
      'layer { convolution_param { weight_filler { std: 99999999999999999999999 } } }',
      'layer { convolution_param { weight_filler { variance_norm: 2 } } }',
      'layer { convolution_param { bias_term: 0x1 } }',
      'debug_info: t force_backward: False',
      'layer { name: "a" \'b\' }',
      'input_shape { dim: -9223372036854775808 }',
      'layer { convolution_param < num_output: 1 > }',
    ];
    for (const text of ok) assert.ok(parsesInCaffe(analyze(text)), `${text}: ${schemaFindings(text).join('; ')}`);
  });
});

describe('schema: which message a file is', () => {
  it('reads nets as NetParameter and solvers as SolverParameter', () => {
    assert.equal(analyze('name: "n" layer { name: "a" }').schema.root.descriptor.fullName, 'caffe.NetParameter');
    assert.equal(analyze('net: "train.prototxt"\nbase_lr: 0.01\nlr_policy: "step"').schema.root.descriptor.fullName, 'caffe.SolverParameter');
    assert.deepEqual(schemaFindings('net: "train.prototxt"\nbase_lr: 0.01\nsolver_mode: GPU'), []);
  });

  it('lets a proto-message header win', () => {
    const a = analyze('# proto-message: caffe.SolverParameter\nname: "x"');
    assert.equal(a.schema.root.descriptor.fullName, 'caffe.SolverParameter');
    assert.equal(a.schema.diagnostics[0].message, 'Message type "caffe.SolverParameter" has no field named "name".');
  });

  it('warns about a header naming a message caffe.proto lacks', () => {
    const a = analyze('# proto-message: caffe.LabelMap\nlayer { }');
    assert.equal(a.diagnostics[0].code, 'unknown-proto-message');
    assert.equal(a.schema.root.descriptor.fullName, 'caffe.NetParameter');
  });
});

describe('schema: enum hints', () => {
  it('explains an unknown V1 layer type instead of listing 40 names', () => {
    const a = analyze('layers { name: "crop" type: CROP }');
    const d = a.schema.diagnostics[0];
    assert.equal(d.code, 'unknown-enum-value');
    assert.match(d.message, /^Unknown enumeration value of "CROP" for field "type"\. V1 `layers` take only the 40 types/);
    assert.doesNotMatch(d.message, /DECONVOLUTION/);
  });

  it('lists the values of a small enum', () => {
    const d = analyze('layer { convolution_param { weight_filler { variance_norm: SQRT } } }').schema.diagnostics[0];
    assert.match(d.message, /Allowed: FAN_IN, FAN_OUT, AVERAGE\.$/);
  });
});
