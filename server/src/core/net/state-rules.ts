/**
 * Which layers a net state keeps: Caffe's Net::FilterNet and Net::StateMeetsRule (src/caffe/net.cpp).
 * A rule is met when every condition it sets holds: its phase equals the state's, the state's level
 * is within min_level..max_level, the state has all of the rule's `stage`s and none of its
 * `not_stage`s. A layer without include rules is kept unless it meets an exclude rule; a layer with
 * include rules is kept only when it meets one of them. (Caffe stops on a layer with both kinds —
 * "Specify either include rules or exclude rules; not both." — which layer-rule-checks.ts reports;
 * here the include rules decide, as FilterNet's loops would.)
 */
import type { MessageView } from '../schema/message-view';
import type { NetState } from './model';

export function stateMeetsRule(state: NetState, rule: MessageView): boolean {
  if (rule.has('phase') && rule.enumName('phase') !== state.phase) return false;
  if (rule.has('min_level') && state.level < rule.number('min_level')) return false;
  if (rule.has('max_level') && state.level > rule.number('max_level')) return false;
  if (!rule.strings('stage').every((s) => state.stages.includes(s))) return false;
  if (rule.strings('not_stage').some((s) => state.stages.includes(s))) return false;
  return true;
}

/** Whether FilterNet keeps the layer (a caffe.LayerParameter view) in a net of this state. */
export function layerIncluded(layer: MessageView, state: NetState): boolean {
  const include = layer.messages('include');
  if (include.length > 0) return include.some((rule) => stateMeetsRule(state, rule));
  return !layer.messages('exclude').some((rule) => stateMeetsRule(state, rule));
}
