/**
 * The NetState the analysed net is filtered with. Caffe builds it in two ways:
 * - Net(param_file, phase, level, stages) (src/caffe/net.cpp, used by `caffe test`/`time` and
 *   pycaffe) overwrites the file's phase and level with the caller's and adds the caller's stages;
 * - Solver::InitTrainNet/InitTestNets (src/caffe/solver.cpp) start from TRAIN/TEST, merge the
 *   file's own `state { }` over it, then the solver's train_state/test_state (highest precedence).
 * In both the caller has the last word, and so do the editor's settings here: the phase is always
 * the analysed phase (the status-bar switch must work), stages are the file's plus the settings'
 * (protobuf's MergeFrom appends repeated fields), and the level is the settings' unless it is 0 —
 * NetState's own default, indistinguishable from "not set" — in which case the file's level applies.
 */
import type { MessageView } from '../schema/message-view';
import type { NetState, Phase } from './model';

export interface StateSettings {
  phase: Phase;
  level: number;
  stages: readonly string[];
}

/** `fileState` is the net's `state` message (a caffe.NetState view, empty when the file has none). */
export function effectiveNetState(fileState: MessageView, settings: StateSettings): NetState {
  const level = settings.level !== 0 ? settings.level : fileState.has('level') ? fileState.number('level') : 0;
  const stages = [...fileState.strings('stage')];
  for (const s of settings.stages) if (!stages.includes(s)) stages.push(s);
  return { phase: settings.phase, level, stages };
}
