/** What lint rules read: the text, the bound file, the net, the init analysis and the settings. */
import type { Diagnostic } from '../diagnostics';
import type { InitResult, LayerInit, ParamInit } from '../init/analyze-init';
import type { LayerModel, NetModel } from '../net/model';
import type { BoundMessage } from '../schema/bound';
import type { SyntaxTree } from '../syntax/ast';

export interface LintContext {
  text: string;
  syntax: SyntaxTree;
  /** The file's top-level message bound to caffe.proto. */
  root: BoundMessage;
  net?: NetModel;
  init?: InitResult;
  fillerScaleTolerance: number;
}

export interface LintRule {
  /** The file (and code family) the rule lives in, for readers of the rule list. */
  name: string;
  run(ctx: LintContext): Diagnostic[];
}

export interface ParamBlob {
  layerInit: LayerInit;
  layer: LayerModel;
  param: ParamInit;
}

/** Most rules go through every parameter blob: one list per init analysis serves them all. */
const blobsOf = new WeakMap<InitResult, ParamBlob[]>();

/** Every parameter blob of the init analysis with its layer. */
export function paramBlobs(ctx: LintContext): readonly ParamBlob[] {
  if (!ctx.init) return [];
  let out = blobsOf.get(ctx.init);
  if (!out) {
    out = [];
    for (const layerInit of ctx.init.layers) {
      for (const param of layerInit.params) out.push({ layerInit, layer: layerInit.layer, param });
    }
    blobsOf.set(ctx.init, out);
  }
  return out;
}
