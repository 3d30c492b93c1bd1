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

/** Every parameter blob of the init analysis with its layer. */
export function* paramBlobs(ctx: LintContext): Generator<{ layerInit: LayerInit; layer: LayerModel; param: ParamInit }> {
  for (const layerInit of ctx.init?.layers ?? []) {
    for (const param of layerInit.params) yield { layerInit, layer: layerInit.layer, param };
  }
}
