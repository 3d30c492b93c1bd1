import * as assert from 'node:assert/strict';
import { contentSecurityPolicy, makeNonce, previewHtml } from '../../../client/src/preview/html';

const INPUT = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/dist/preview.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/preview.css',
  nonce: 'n0nce+/abc=',
};

describe('preview webview document and its content security policy', () => {
  const html = previewHtml(INPUT);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];

  it('states a CSP that allows nothing by default and scripts only with the nonce', () => {
    assert.ok(csp, 'a CSP meta element');
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    assert.deepEqual(directives['default-src'], ["'none'"]);
    assert.deepEqual(directives['script-src'], [`'nonce-${INPUT.nonce}'`]);
    assert.deepEqual(directives['style-src'], [INPUT.cspSource]);
    assert.deepEqual(directives['img-src'], [INPUT.cspSource, 'data:']);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    assert.equal(csp, contentSecurityPolicy(INPUT.cspSource, INPUT.nonce));
  });

  it('the CSP comes before anything it governs', () => {
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<link'));
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<script'));
  });

  it('has one script: external, with the nonce, no inline code, no inline styles or handlers', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0][1], new RegExp(`nonce="${INPUT.nonce.replace(/[+/=]/g, '\\$&')}"`));
    assert.match(scripts[0][1], /src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/media\/dist\/preview\.js"/);
    assert.equal(scripts[0][2].trim(), '');
    assert.doesNotMatch(html, /\sstyle=|<style|\son[a-z]+=/i);
  });

  it('a new nonce each load', () => {
    const a = makeNonce();
    const b = makeNonce();
    assert.notEqual(a, b);
    assert.match(a, /^[A-Za-z0-9+/]{24}$/);
  });

  it('escapes quotes in the URIs it writes into attributes', () => {
    const odd = previewHtml({ ...INPUT, styleUri: 'https://x/a"b<c.css' });
    assert.ok(odd.includes('href="https://x/a&quot;b&lt;c.css"'));
  });
});
