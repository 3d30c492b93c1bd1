import * as assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analysis';
import type { Diagnostic } from '../../../server/src/core/diagnostics';
import { applySettings } from '../../../server/src/core/lint/apply-settings';
import { lintOf } from './lint-of';

const INPUT = 'input: "data" input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }\n';
const IP = (name: string) => `layer { name: "${name}" type: "InnerProduct" bottom: "data" top: "${name}" inner_product_param { num_output: 2 } }\n`;

/** Lint findings after settings and disable comments: "code@name-of-layer". */
function findings(text: string, severity: Record<string, 'error' | 'warning' | 'information' | 'hint' | 'off'> = {}): string[] {
  const ds: Diagnostic[] = lintOf(text);
  return applySettings(ds, text, analyze(text).syntax, severity).map((d) => `${d.code}:${d.severity}@${/name: "(\w+)"/.exec(text.slice(text.lastIndexOf('layer', d.span.start)))?.[1]}`);
}

describe('lint: severity settings and disable comments', () => {
  it('without settings every finding keeps its default severity', () => {
    assert.deepEqual(findings(INPUT + IP('a') + IP('b')), ['missing-weight-filler:hint@a', 'missing-weight-filler:hint@b']);
  });

  it('a severity override changes the severity; "off" drops the code', () => {
    assert.deepEqual(findings(INPUT + IP('a'), { 'missing-weight-filler': 'error' }), ['missing-weight-filler:error@a']);
    assert.deepEqual(findings(INPUT + IP('a'), { 'missing-weight-filler': 'off' }), []);
  });

  it('a comment on its own line silences the code for the layer that follows, only that one', () => {
    const text = INPUT + '# prototxt-lens: disable=missing-weight-filler\n' + IP('a') + IP('b');
    assert.deepEqual(findings(text), ['missing-weight-filler:hint@b']);
  });

  it('other codes in the same layer stay', () => {
    const text = INPUT + '# prototxt-lens: disable=filler-scale\n' + IP('a');
    assert.deepEqual(findings(text), ['missing-weight-filler:hint@a']);
  });

  it('several codes, and "all"', () => {
    const text = INPUT + '# prototxt-lens: disable=filler-scale, missing-weight-filler\n' + IP('a') + '# prototxt-lens: disable=all\n' + IP('b') + IP('c');
    assert.deepEqual(findings(text), ['missing-weight-filler:hint@c']);
  });

  it('on the line that opens the layer, after its brace', () => {
    const text = INPUT + `layer {  # prototxt-lens: disable=missing-weight-filler
  name: "a"
  type: "InnerProduct"
  bottom: "data"
  top: "a"
  inner_product_param { num_output: 2 }
}
` + IP('b');
    assert.deepEqual(findings(text), ['missing-weight-filler:hint@b']);
  });

  it('after a field on the same line: that field only', () => {
    const text = INPUT + `layer {
  name: "a"
  type: "InnerProduct"
  bottom: "data"
  top: "a"
  inner_product_param { num_output: 2 weight_filler { type: "xavier" std: 0.1 } }  # prototxt-lens: disable=filler-param-ignored
}
`;
    assert.deepEqual(findings(text), []);
    assert.deepEqual(findings(text.replace('  # prototxt-lens', '\n# prototxt-lens')), ['filler-param-ignored:warning@a']);
  });

  it('inside a layer, ahead of one field', () => {
    const text = INPUT + `layer {
  name: "a"
  type: "InnerProduct"
  bottom: "data"
  top: "a"
  inner_product_param {
    num_output: 2
    # prototxt-lens: disable=filler-param-ignored
    weight_filler { type: "xavier" std: 0.1 }
    bias_filler { type: "constant" std: 0.1 }
  }
}
`;
    assert.deepEqual(findings(text), ['filler-param-ignored:warning@a'], 'the bias_filler finding stays');
  });

  it('applies to every stage\'s codes (a schema error here)', () => {
    const layer = (name: string) => `layer { name: "${name}" type: "ReLU" bottom: "data" top: "data" bogus: 1 }\n`;
    const text = INPUT + '# prototxt-lens: disable=unknown-field\n' + layer('a') + layer('b');
    const a = analyze(text);
    assert.deepEqual(a.diagnostics.map((d) => `${d.code}@${text.slice(text.lastIndexOf('name:', d.span.start) + 7).slice(0, 1)}`), ['unknown-field@b']);
  });
});
