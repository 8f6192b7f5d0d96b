import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '@edgewatch/spin-key-value';
import { authenticateDevice, createDevice, DeviceExists, deviceIdProblem, listDevices, revokeDevice, rotateToken, sha256Hex, timingSafeEqual, verifyAdminToken } from './index.ts';

describe('device registry', () => {
  it('issues_a_token_that_authenticates_its_device_and_stores_only_its_hash', async () => {
    const store = createMemoryStore();
    const { device, token } = await createDevice(store, 'd1');
    expect(token.startsWith('d1.')).toBe(true);
    expect((await authenticateDevice(store, token))?.id).toBe('d1');
    const stored = new TextDecoder().decode(store.get('device|d1'));
    expect(stored).not.toContain(token.slice(3));
    expect(device.tokenHash).toBe(await sha256Hex(token.slice(3)));
  });

  it('refuses_wrong_malformed_foreign_and_revoked_tokens', async () => {
    const store = createMemoryStore();
    const { token: t1 } = await createDevice(store, 'd1');
    const { token: t2 } = await createDevice(store, 'd2');
    const secret2 = t2.slice(3);
    for (const bad of ['', 'd1', 'd1.', `d1.${secret2}`, `${t1}x`, `nobody.${secret2}`, 'x'.repeat(500)]) {
      expect(await authenticateDevice(store, bad), bad).toBeUndefined();
    }
    expect(revokeDevice(store, 'd1')).toBe(true);
    expect(await authenticateDevice(store, t1)).toBeUndefined();
    expect(revokeDevice(store, 'nobody')).toBe(false);
  });

  it('rotation_replaces_the_token_and_lifts_a_revocation', async () => {
    const store = createMemoryStore();
    const { token: old } = await createDevice(store, 'd1');
    revokeDevice(store, 'd1');
    const fresh = await rotateToken(store, 'd1');
    expect(await authenticateDevice(store, old)).toBeUndefined();
    expect((await authenticateDevice(store, fresh!))?.id).toBe('d1');
    expect(await rotateToken(store, 'nobody')).toBeUndefined();
  });

  it('refuses_duplicate_ids_and_lists_devices_by_id', async () => {
    const store = createMemoryStore();
    await createDevice(store, 'b');
    await createDevice(store, 'a');
    await expect(createDevice(store, 'a')).rejects.toBeInstanceOf(DeviceExists);
    expect(listDevices(store).map((d) => d.id)).toEqual(['a', 'b']);
  });

  it.each([
    ['d1', undefined],
    ['urn:dev:ow:10e2073a01080063', undefined],
    ['', /must be 1-64/],
    ['-x', /must be 1-64/],
    ['a|b', /must be 1-64/],
    ['x'.repeat(65), /must be 1-64/],
    [7, /string/],
  ])('judges_device_id %j', (id, problem) => {
    const result = deviceIdProblem(id);
    if (problem) expect(result).toMatch(problem);
    else expect(result).toBeUndefined();
  });
});

describe('comparisons', () => {
  it('compares_equal_and_unequal_strings_of_any_length', async () => {
    expect(timingSafeEqual('abc', 'abc')).toBe(true);
    expect(timingSafeEqual('abc', 'abd')).toBe(false);
    expect(timingSafeEqual('abc', 'abcd')).toBe(false);
    expect(timingSafeEqual('', '')).toBe(true);
    expect(await verifyAdminToken('s3cret', 's3cret')).toBe(true);
    expect(await verifyAdminToken('s3cre', 's3cret')).toBe(false);
  });
});
