/** Building ParamBlob records: `shape` is filled in only when every axis is known. */
import { known } from '../dims';
import type { Dims, ParamBlob } from '../types';

export function paramBlob(
  role: string,
  dims: Dims,
  filler?: { field: string; message: string },
  extra: Partial<Pick<ParamBlob, 'caffeName' | 'defaultFiller' | 'learnable'>> = {},
): ParamBlob {
  return {
    role,
    dims,
    shape: known(dims),
    learnable: extra.learnable ?? true,
    ...(extra.caffeName !== undefined ? { caffeName: extra.caffeName } : {}),
    ...(filler ? { fillerField: filler.field, fillerMessage: filler.message } : {}),
    ...(extra.defaultFiller ? { defaultFiller: extra.defaultFiller } : {}),
  };
}
