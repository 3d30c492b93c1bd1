/**
 * The server's analysis cache: diagnostics are analysed a stage at a time, and that work is given
 * up when the document moves on or the settings change; a request meanwhile finishes it instead
 * of analysing twice. Whichever way an analysis is made, it is analyze()'s.
 */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, DEFAULT_SETTINGS, type AnalysisSettings } from '../../../server/src/core/analysis';
import { AnalysisCache } from '../../../server/src/lsp/analysis-cache';

const NET = 'name: "n"\nlayer { name: "data" type: "Input" top: "data" input_param { shape { dim: 1 dim: 3 dim: 8 dim: 8 } } }\n' +
  'layer { name: "conv" type: "Convolution" bottom: "data" top: "conv" convolution_param { num_output: 4 kernel_size: 3 } }\n';

const doc = (version: number, text = NET) => TextDocument.create('file:///a.prototxt', 'prototxt', version, text);

describe('lsp: analysis cache', () => {
  let settings: AnalysisSettings;
  let cache: AnalysisCache;

  beforeEach(() => {
    settings = DEFAULT_SETTINGS;
    cache = new AnalysisCache(() => settings);
  });

  it('analyses in steps to what analyze() gives, once per version', async () => {
    const a = await cache.analyseInSteps(doc(1), () => true);
    assert.ok(a);
    assert.deepEqual(a.diagnostics, analyze(NET).diagnostics);
    assert.equal(cache.get(doc(1)), a);
    assert.equal(await cache.analyseInSteps(doc(1), () => true), a);
  });

  it('gives up when the version is no longer wanted, leaving nothing cached', async () => {
    let wanted = true;
    const running = cache.analyseInSteps(doc(1), () => wanted);
    wanted = false;
    assert.equal(await running, undefined);
    assert.equal(cache.peek('file:///a.prototxt', 1), undefined);
  });

  it('lets a request for the same version finish the analysis under way', async () => {
    const running = cache.analyseInSteps(doc(1), () => true);
    const now = cache.get(doc(1));
    assert.equal(await running, now);
  });

  it('drops an analysis under way when the settings change', async () => {
    const running = cache.analyseInSteps(doc(1), () => true);
    cache.clear();
    settings = { ...DEFAULT_SETTINGS, severity: { 'missing-weight-filler': 'off' } };
    assert.equal(await running, undefined);
    const fresh = cache.get(doc(1));
    assert.ok(!fresh.diagnostics.some((d) => d.code === 'missing-weight-filler'));
  });

  it('drops an analysis under way when a newer version is analysed', async () => {
    const edited = NET.replace('num_output: 4', 'num_output: x');
    const running = cache.analyseInSteps(doc(1), () => true);
    const newer = cache.get(doc(2, edited));
    assert.equal(await running, undefined);
    assert.deepEqual(newer.diagnostics, analyze(edited).diagnostics);
  });
});
