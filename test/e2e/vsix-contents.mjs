// The packaged .vsix holds what the extension needs at run time and nothing else: the bundles,
// the manifest, grammar, language configuration, media, README, LICENSE and CHANGELOG — no
// TypeScript sources, tests, node_modules or source maps.
// Usage: node vsix-contents.mjs [path/to/prototxt-lens.vsix]   (run.mjs packages it first)
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, VSIX } from './lib/paths.mjs';
import { zipEntries } from './lib/zip.mjs';

const vsix = process.argv[2] ?? VSIX;
const entries = zipEntries(vsix);
const names = entries.map((e) => e.name);
const files = names.filter((n) => n.startsWith('extension/')).map((n) => n.slice('extension/'.length));
// vsce stores README.md / CHANGELOG.md in lower case and LICENSE as LICENSE.txt.
const has = (f) => files.some((x) => x.toLowerCase() === f.toLowerCase());

const REQUIRED = ['package.json', 'README.md', 'CHANGELOG.md', 'language-configuration.json', 'dist/client.js', 'dist/server.js',
  'media/dist/preview.js', 'media/preview.css'];
const ALLOWED = [
  /^package\.json$/, /^README\.md$/i, /^CHANGELOG\.md$/i, /^LICENSE(\.txt)?$/i, /^language-configuration\.json$/,
  /^syntaxes\/[\w.-]+\.json$/, /^dist\/[\w.-]+\.js$/, /^media\/(?!src\/)[\w./-]+\.(css|js|svg|png|gif|json)$/,
];
const FORBIDDEN = [
  [/\.ts$/, 'TypeScript source'], [/\.map$/, 'source map'], [/(^|\/)node_modules\//, 'node_modules'],
  [/(^|\/)(test|tests|out)\//, 'tests or compiler output'], [/(^|\/)src\//, 'sources'], [/\.vsix$/, 'a nested package'],
];

const results = [];
const check = (name, fn) => {
  try { fn(); results.push({ name, ok: true }); console.log(`  ✓ ${name}`); }
  catch (err) { results.push({ name, ok: false }); console.log(`  ✗ ${name}: ${err.message}`); }
};
const fail = (msg) => { throw new Error(msg); };

console.log(`${path.relative(process.cwd(), vsix)}: ${files.length} files, ${(fs.statSync(vsix).size / 1024).toFixed(0)} KiB`);
for (const e of entries) console.log(`    ${String(e.size).padStart(9)}  ${e.name}`);

check('has the vsix manifest', () => names.includes('extension.vsixmanifest') || fail('extension.vsixmanifest missing'));
check('has the run-time files', () => {
  const missing = REQUIRED.filter((f) => !has(f));
  if (!has('LICENSE') && !has('LICENSE.txt')) missing.push('LICENSE');
  if (missing.length) fail(`missing: ${missing.join(', ')}`);
});
check('has the grammar named in package.json', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const paths = [
    ...(manifest.contributes?.grammars ?? []).map((g) => g.path),
    ...(manifest.contributes?.languages ?? []).map((l) => l.configuration).filter(Boolean),
  ].map((p) => p.replace(/^\.\//, ''));
  if (!paths.some((p) => p.startsWith('syntaxes/'))) fail('package.json contributes no grammar');
  const missing = paths.filter((p) => !files.includes(p));
  if (missing.length) fail(`files named in package.json but not packaged: ${missing.join(', ')}`);
});
check('ships every media asset', () => {
  const mediaDir = path.join(ROOT, 'media');
  const assets = fs.existsSync(mediaDir)
    ? fs.readdirSync(mediaDir, { recursive: true }).map((f) => `media/${f}`).filter((f) => ALLOWED.at(-1).test(f) && fs.statSync(path.join(ROOT, f)).isFile())
    : [];
  const missing = assets.filter((f) => !files.includes(f));
  if (missing.length) fail(`not packaged: ${missing.join(', ')}`);
});
check('no sources, tests, node_modules or maps', () => {
  const bad = files.flatMap((f) => FORBIDDEN.filter(([re]) => re.test(f)).map(([, why]) => `${f} (${why})`));
  if (bad.length) fail(bad.join(', '));
});
check('nothing outside the allow-list', () => {
  const extra = files.filter((f) => !ALLOWED.some((re) => re.test(f)));
  if (extra.length) fail(`unexpected: ${extra.join(', ')}`);
});
check('the server bundle is self-contained (no runtime node_modules needed)', () => {
  const server = fs.readFileSync(path.join(ROOT, 'dist', 'server.js'), 'utf8');
  const external = [...server.matchAll(/require\(["']([^"'./][^"']*)["']\)/g)].map((m) => m[1])
    .filter((m) => !/^(node:)?(fs|path|os|net|url|util|events|crypto|child_process|stream|buffer|assert|worker_threads|perf_hooks|readline|string_decoder|zlib|tty|http|https)$/.test(m));
  if (external.length) fail(`dist/server.js requires ${[...new Set(external)].join(', ')}`);
});

const passed = results.filter((r) => r.ok).length;
console.log(`package: ${passed} passed, ${results.length - passed} failed`);
process.exit(passed === results.length ? 0 : 1);
