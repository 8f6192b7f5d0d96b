import { describe, expect, it } from 'vitest';
import { API_PREFIX, COMPONENT_ROUTES } from './index.ts';

describe('contracts', () => {
  it('puts_every_component_under_the_versioned_prefix', () => {
    for (const base of Object.values(COMPONENT_ROUTES)) {
      expect(base.startsWith(`${API_PREFIX}/`)).toBe(true);
    }
  });

  it('gives_each_component_its_own_base_route', () => {
    const bases = Object.values(COMPONENT_ROUTES);
    expect(new Set(bases).size).toBe(bases.length);
  });
});
