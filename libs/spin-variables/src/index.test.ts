import { describe, expect, it } from 'vitest';
import { integerVariable, staticVariables } from './index.ts';

describe('variables', () => {
  it('reads_integers_with_a_fallback_for_unset_values', () => {
    const vars = staticVariables({ max_batch: '500', empty: '' });
    expect(integerVariable(vars, 'max_batch', 10)).toBe(500);
    expect(integerVariable(vars, 'empty', 10)).toBe(10);
    expect(integerVariable(vars, 'unset', 7)).toBe(7);
  });

  it('names_the_variable_and_the_fix_when_malformed', () => {
    const vars = staticVariables({ max_batch: 'lots' });
    expect(() => integerVariable(vars, 'max_batch', 1)).toThrow(/max_batch.*SPIN_VARIABLE_MAX_BATCH/);
  });

  it('does_not_leak_prototype_properties', () => {
    expect(staticVariables({})('toString')).toBeUndefined();
  });
});

import { restrictVariables } from './index.ts';

describe('restrictVariables', () => {
  it('refuses_names_outside_the_declared_list', () => {
    const vars = restrictVariables(staticVariables({ a: '1', b: '2' }), ['a']);
    expect(vars('a')).toBe('1');
    expect(() => vars('b')).toThrow(/not in this component's declared list/);
  });
});
