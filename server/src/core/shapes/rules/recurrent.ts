/**
 * RNN and LSTM (recurrent_layer.cpp, rnn_layer.cpp, lstm_layer.cpp) run time-major: x is
 * (T, N, …), cont is (T, N), an optional static input is (N, …), and with expose_hidden the
 * initial states come in as extra bottoms and the final ones go out as extra tops, each (1, N, H).
 * Output: (T, N, H) with H = recurrent_param.num_output.
 * Their blobs_ are the unrolled net's own parameters in the order the unrolled layers first use them:
 *   LSTM: W_xc (4H, K), b_c (4H), [W_xc_static (4H, Ks)], W_hc (4H, H)
 *   RNN:  W_xh (H, K),  b_h (H),  [W_xh_static (H, Ks)],  W_hh (H, H), W_ho (H, H), b_o (H)
 * where K = x.count(2) (the InnerProducts use axis 2) and Ks = x_static.count(1).
 * LSTMUnit (lstm_unit_layer.cpp): c_prev (1, N, D), gates (1, N, 4D), cont (1, N) → c, h (1, N, D).
 */
import type { LayerModel } from '../../net/model';
import { at, bottomSpan, check, checkEq, layerSpan } from '../check';
import { count, formatDims, mul } from '../dims';
import type { Dim, Dims, ParamBlob, ShapeRule } from '../types';
import { paramBlob } from './param-blob';

interface Unrolled {
  /** Gate width per hidden unit: 4 for LSTM, 1 for RNN. */
  gates: number;
  /** Recurrent state blobs (h_0 / c_0). */
  states: number;
  names: { w: string; b: string; wStatic: string; recurrent: string };
  /** Parameters after the recurrent weight (RNN's output projection). */
  tail: (h: number) => ParamBlob[];
}

const weight = (dims: Dims, caffeName: string) => paramBlob('weight', dims, { field: 'weight_filler', message: 'recurrent_param' }, { caffeName });
const biasBlob = (dims: Dims, caffeName: string) => paramBlob('bias', dims, { field: 'bias_filler', message: 'recurrent_param' }, { caffeName });

const LSTM: Unrolled = { gates: 4, states: 2, names: { w: 'W_xc', b: 'b_c', wStatic: 'W_xc_static', recurrent: 'W_hc' }, tail: () => [] };
const RNN: Unrolled = {
  gates: 1,
  states: 1,
  names: { w: 'W_xh', b: 'b_h', wStatic: 'W_xh_static', recurrent: 'W_hh' },
  tail: (h) => [weight([h, h], 'W_ho'), biasBlob([h], 'b_o')],
};

function checkInputs(layer: LayerModel, x: Dims | undefined, cont: Dims | undefined, stat: Dims | undefined): void {
  if (x) check(x.length >= 2, 'shape-check', 'bottom[0] must have at least 2 axes -- (#timesteps, #streams, ...)', () => bottomSpan(layer, 0));
  if (cont) {
    check(cont.length === 2, 'shape-check', 'bottom[1] must have exactly 2 axes -- (#timesteps, #streams)', () => bottomSpan(layer, 1));
    if (x) {
      checkEq(x[0], cont[0], 'shape-mismatch', () => `bottom[1] has ${cont[0]} timesteps, bottom[0] has ${x[0]} (Check failed: T_ == bottom[1]->shape(0)).`, () => bottomSpan(layer, 1));
      checkEq(x[1], cont[1], 'shape-mismatch', () => `bottom[1] has ${cont[1]} streams, bottom[0] has ${x[1]} (Check failed: N_ == bottom[1]->shape(1)).`, () => bottomSpan(layer, 1));
    }
  }
  if (stat) {
    check(stat.length >= 1, 'shape-check', 'The static input (bottom[2]) needs at least 1 axis.', () => bottomSpan(layer, 2));
    if (x) checkEq(x[1], stat[0], 'shape-mismatch', () => `The static input has ${stat[0]} streams, bottom[0] has ${x[1]} (Check failed: N_ == bottom[2]->shape(0)).`, () => bottomSpan(layer, 2));
  }
}

function recurrent(kind: Unrolled): ShapeRule {
  return ({ layer, bottoms }) => {
    const p = layer.view.message('recurrent_param');
    const h = p.number('num_output');
    check(h > 0, 'shape-check', 'num_output must be positive', at(layer, p, 'num_output'));
    const expose = p.bool('expose_hidden');
    const exposed = expose ? kind.states : 0;
    const hasStatic = layer.bottoms.length > 2 + exposed;
    const [x, cont] = bottoms;
    const stat = hasStatic ? bottoms[2] : undefined;
    checkInputs(layer, x, cont, stat);
    check(
      layer.tops.length - exposed === 1,
      'shape-check',
      () => `${layer.type} has ${1 + exposed} top${exposed ? 's' : ''}${expose ? ' with expose_hidden' : ''}, not ${layer.tops.length} (OutputBlobNames must provide an output blob name for each top).`,
      layerSpan(layer),
    );
    const n: Dim = x ? x[1] : cont ? cont[1] : null;
    const state: Dims = [1, n, h];
    if (expose) {
      const first = 2 + (hasStatic ? 1 : 0);
      for (let i = first; i < layer.bottoms.length; i++) {
        const b = bottoms[i];
        if (!b) continue;
        const same = b.length === 3 && state.every((d, j) => d === null || b[j] === null || d === b[j]);
        check(same, 'shape-mismatch', () => `shape mismatch - recurrent input ${i - first} must be ${formatDims(state)}, bottom[${i}] is ${formatDims(b)}`, () => bottomSpan(layer, i));
      }
    }
    const gh = kind.gates * h;
    const params: ParamBlob[] = [weight([gh, x ? count(x, 2) : null], kind.names.w), biasBlob([gh], kind.names.b)];
    if (hasStatic) params.push(weight([gh, stat ? count(stat, 1) : null], kind.names.wStatic));
    params.push(weight([gh, h], kind.names.recurrent), ...kind.tail(h));
    const output: Dims | undefined = x ? [x[0], x[1], h] : undefined;
    return { tops: layer.tops.map((_, i) => (i === 0 ? output : state)), params };
  };
}

export const lstm: ShapeRule = recurrent(LSTM);
export const rnn: ShapeRule = recurrent(RNN);

export const lstmUnit: ShapeRule = ({ layer, bottoms }) => {
  const [cPrev, gates] = bottoms;
  const n = cPrev?.[1] ?? null;
  bottoms.forEach((b, i) => {
    if (!b) return;
    const rank = i === 2 ? 2 : 3;
    check(b.length === rank, 'shape-check', () => `bottom[${i}] must have ${rank} axes, it is ${formatDims(b)}.`, () => bottomSpan(layer, i));
    checkEq(b[0], 1, 'shape-check', () => `bottom[${i}] must hold a single timestep (shape(0) == 1), it is ${formatDims(b)}.`, () => bottomSpan(layer, i));
    checkEq(b[1], n, 'shape-mismatch', () => `bottom[${i}] has ${b[1]} streams, bottom[0] has ${n}.`, () => bottomSpan(layer, i));
  });
  if (cPrev && gates) checkEq(mul(4, cPrev[2]), gates[2], 'shape-mismatch', () => `The gate input must be 4 × the cell size: ${gates[2]} vs 4 × ${cPrev[2]}.`, () => bottomSpan(layer, 1));
  return { tops: layer.tops.map(() => cPrev) };
};
