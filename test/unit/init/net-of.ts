/** The net model of a text (TRAIN phase), for init tests. */
import { analyze } from '../../../server/src/core/analysis';
import { buildNet } from '../../../server/src/core/net/build-net';
import type { NetModel } from '../../../server/src/core/net/model';

export function netOf(text: string, phase: 'TRAIN' | 'TEST' = 'TRAIN'): NetModel {
  return buildNet(analyze(text).view, { phase, level: 0, stages: [], customLayerTypes: [] });
}
