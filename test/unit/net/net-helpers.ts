/** Small helpers for the net-stage tests: the net of a text, and its diagnostics as readable rows. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, type AnalysisSettings } from '../../../server/src/core/analysis';
import type { Diagnostic } from '../../../server/src/core/diagnostics';
import type { NetModel } from '../../../server/src/core/net/model';
import { corpusDir } from '../../helpers/paths';

export function netOf(text: string, settings: Partial<AnalysisSettings> = {}): NetModel {
  const net = analyze(text, settings).net;
  assert.ok(net, 'expected a net');
  return net;
}

export interface Finding {
  code: string;
  severity: Diagnostic['severity'];
  message: string;
  /** The text the diagnostic points at. */
  at: string;
}

export function findings(text: string, settings: Partial<AnalysisSettings> = {}): Finding[] {
  return netOf(text, settings).diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, at: text.slice(d.span.start, d.span.end) }));
}

/** The one net diagnostic of a text (fails when there are others). */
export function onlyFinding(text: string, settings: Partial<AnalysisSettings> = {}): Finding {
  const all = findings(text, settings);
  assert.equal(all.length, 1, `expected one net diagnostic, got ${JSON.stringify(all, null, 1)}`);
  return all[0];
}

export function corpusText(rel: string): string {
  return readFileSync(join(corpusDir, rel), 'utf8');
}

/** "name:type" of each layer, for compact comparisons. */
export function layerList(net: NetModel): string[] {
  return net.layers.map((l) => `${l.name}:${l.type}`);
}
