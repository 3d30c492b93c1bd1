import * as assert from 'assert';
import { hoverText, openInEditor, positionOf } from './helpers';

describe('hover', () => {
  it('a field name shows its caffe.proto type and documentation', async () => {
    const doc = await openInEditor('healthy.prototxt');
    const text = await hoverText(doc.uri, positionOf(doc, 'num_output: 32', 'num_output'));
    assert.match(text, /num_output/);
    assert.match(text, /uint32/);
    assert.ok(text.replace(/num_output|uint32|[`*_#\s]/g, '').length > 10, `hover has a description: ${JSON.stringify(text)}`);
  });

  it('a field with a default in caffe.proto shows the default', async () => {
    const doc = await openInEditor('filler-mistakes.prototxt');
    // FillerParameter: optional float std = 6 [default = 1];
    const text = await hoverText(doc.uri, positionOf(doc, 'std: 0.01', 'std'));
    assert.match(text, /\bfloat\b/);
    assert.match(text, /default/i);
    assert.match(text, /\b1(\.0)?\b/);
  });

  it('a comment has no field hover', async () => {
    const doc = await openInEditor('healthy.prototxt');
    const text = await hoverText(doc.uri, positionOf(doc, '# A small classifier', 'classifier'));
    assert.doesNotMatch(text, /uint32|float|string/);
  });
});
