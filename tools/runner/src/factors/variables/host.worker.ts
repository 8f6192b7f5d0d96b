// fermyon:spin/variables@2.0.0 for guests: the component's resolved variables.
import type { WorkerFactor } from '../factor.ts';
import type { VariablesState } from './factor.ts';

const NAME = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

// jco maps a thrown `{ payload }` to the `err` case of a WIT result.
const fail = (tag: string, val: string) => ({ payload: { tag, val } });

export const variablesWorkerFactor: WorkerFactor<VariablesState, VariablesState> = {
  name: 'variables',
  init: (state) => state,
  imports: (state, ctx) => {
    const values = state.values[ctx.componentId] ?? {};
    return {
      'fermyon:spin/variables': {
        get(name: string): string {
          if (!NAME.test(name)) throw fail('invalid-name', `"${name}" is not a valid variable name`);
          const value = values[name];
          if (value === undefined) throw fail('undefined', `no variable for "${name}"`);
          return value;
        },
      },
    };
  },
};
