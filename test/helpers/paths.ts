/** Where the project and the shared material are, wherever the compiled test runs from. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

function findRepoRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'server'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no project root above ${start}`);
    dir = up;
  }
  return dir;
}

export const repoRoot = findRepoRoot(__dirname);
/** ../shared from the project root (override with PROTOTXT_LENS_SHARED). */
export const sharedDir = process.env.PROTOTXT_LENS_SHARED ?? resolve(repoRoot, '../shared');
export const corpusDir = join(sharedDir, 'corpus');

/** Every .prototxt file of the shared corpus, as paths relative to corpusDir, sorted. */
export function corpusFiles(): string[] {
  if (!existsSync(corpusDir)) throw new Error(`the shared corpus is missing: ${corpusDir}`);
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(corpusDir, rel))) {
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(join(corpusDir, r)).isDirectory()) walk(r);
      else if (name.endsWith('.prototxt')) out.push(r);
    }
  };
  walk('');
  return out.sort();
}

/** MANIFEST.tsv rows: corpus path → { kind, format, … }. */
export function corpusManifest(): Map<string, Record<string, string>> {
  const { readFileSync } = require('node:fs') as typeof import('node:fs');
  const [header, ...rows] = readFileSync(join(corpusDir, 'MANIFEST.tsv'), 'utf8').trim().split('\n').map((l) => l.split('\t'));
  return new Map(rows.map((r) => [r[0], Object.fromEntries(header.map((h, i) => [h, r[i]]))]));
}
