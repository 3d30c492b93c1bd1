/** The net model of a text, as analyze() builds it, for init tests. */
import { analyze } from '../../../server/src/core/analysis';
import type { NetModel } from '../../../server/src/core/net/model';

export function netOf(text: string, phase: 'TRAIN' | 'TEST' = 'TRAIN'): NetModel {
  return analyze(text, { phase }).net!;
}
