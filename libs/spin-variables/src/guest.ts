// Guest-only entry (`@edgewatch/spin-variables/guest`): reads variables from
// Spin's `fermyon:spin/variables@2.0.0` host interface.
import { get } from 'fermyon:spin/variables@2.0.0';
import type { VariableSource } from './index.ts';

/** Variables as Spin resolves them; an undefined variable reads as undefined, other errors throw. */
export const spinVariables: VariableSource = (name) => {
  try {
    return get(name);
  } catch (thrown) {
    const payload = (thrown as { payload?: { tag?: string; val?: string } }).payload;
    if (payload?.tag === 'undefined') return undefined;
    throw new Error(`variables ${payload?.tag ?? 'error'}: ${payload?.val ?? String(thrown)}`);
  }
};
