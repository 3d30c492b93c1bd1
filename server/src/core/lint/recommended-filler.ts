/** The filler the quick fixes write for a weight blob, and how to say what it gives. */
import type { ParamInit } from '../init/analyze-init';
import { describeNonlinearity, isReluFamily, type Nonlinearity } from '../init/following-nonlinearity';
import { sig4 } from '../text/significant';

export interface SuggestedFiller {
  type: 'msra' | 'xavier';
  /** "msra (Var 2/fan_in = 0.01361)" or "msra (Var 2/fan_in)" when the fans are unknown. */
  label: string;
}

/** msra ahead of the ReLU family, xavier otherwise (also when the nonlinearity is unknown). */
export function suggestedFiller(param: ParamInit | undefined, following: Nonlinearity | undefined): SuggestedFiller {
  const relu = following !== undefined && isReluFamily(following);
  const type = relu ? 'msra' : 'xavier';
  const formula = relu ? '2/fan_in' : '1/fan_in';
  const fanIn = param?.fans?.fanIn;
  const value = fanIn === undefined ? '' : ` = ${sig4((relu ? 2 : 1) / fanIn)}`;
  return { type, label: `${type} (Var ${formula}${value})` };
}

/** "a ReLU follows" / "TanH follows" / "no nonlinearity follows", for fix titles and messages. */
export function followsText(following: Nonlinearity | undefined): string {
  if (!following || following.kind === 'none') return 'no nonlinearity follows';
  return `${describeNonlinearity(following)} follows`;
}
