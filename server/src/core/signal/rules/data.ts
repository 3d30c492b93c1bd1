/**
 * Data and input layers start the forward chain: every top that carries data is zero-mean unit
 * variance (so every later value reads relative to the input); labels are not signals. A Python
 * layer without bottoms is a data layer too; with bottoms its computation is unknown.
 */
import { UNIT_INPUT } from '../moments';
import type { SignalRule } from '../types';
import { unknownBottoms, unknownTops } from '../types';

export const dataSource: SignalRule = {
  acceptsUnknown: true,
  forward: (ctx) => ({ tops: ctx.layer.tops.map((_, i) => (ctx.labelTops[i] ? null : UNIT_INPUT)) }),
  backward: () => ({ bottoms: [] }),
};

export const python: SignalRule = {
  acceptsUnknown: true,
  forward(ctx) {
    if (ctx.layer.bottoms.length === 0) return dataSource.forward(ctx, []);
    return unknownTops(ctx, 'a Python layer computes what its module says; its statistics are unknown');
  },
  backward: (ctx) => unknownBottoms(ctx, 'a Python layer computes what its module says'),
};
