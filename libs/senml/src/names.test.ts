import { describe, expect, it } from 'vitest';
import { nameBelongsToDevice } from './index.ts';

describe('nameBelongsToDevice', () => {
  it.each([
    ['d1', 'd1', true],
    ['d1/temp', 'd1', true],
    ['d1:temp', 'd1', true],
    ['urn:dev:ow:10e2073a01080063:voltage', 'urn:dev:ow:10e2073a01080063', true],
    ['d10/temp', 'd1', false],
    ['temp', 'd1', false],
    ['xd1/temp', 'd1', false],
  ])('%s belongs to %s: %s', (name, device, expected) => {
    expect(nameBelongsToDevice(name, device)).toBe(expected);
  });
});
