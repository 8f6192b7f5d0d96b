import { describe, expect, it } from 'vitest';
import { witDetectorEngine } from './index.ts';

describe('witDetectorEngine', () => {
  it('passes_the_batch_through_and_names_itself_wasm', () => {
    const calls: unknown[][] = [];
    const engine = witDetectorEngine((...args) => {
      calls.push(args);
      return { scores: Float64Array.of(0.5), state: Uint8Array.of(7) };
    });
    const values = Float64Array.of(1);
    const out = engine.scoreBatch('ensemble', undefined, values, Float64Array.of(2));
    expect(engine.name).toBe('wasm');
    expect(out).toEqual({ scores: Float64Array.of(0.5), state: Uint8Array.of(7) });
    expect(calls).toEqual([['ensemble', undefined, values, Float64Array.of(2)]]);
  });

  it('turns_a_thrown_wit_err_into_a_range_error_with_the_components_message', () => {
    const engine = witDetectorEngine(() => {
      throw Object.assign(new Error('ComponentError'), { payload: 'value NaN at row 3 is not a finite number' });
    });
    expect(() => engine.scoreBatch('ensemble', undefined, new Float64Array(), new Float64Array())).toThrow(new RangeError('value NaN at row 3 is not a finite number'));
  });
});
