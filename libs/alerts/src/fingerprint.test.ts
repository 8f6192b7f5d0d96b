// The limb FNV-1a 64 must give exactly the fingerprints stored so far: checked
// against a plain BigInt implementation on varied inputs.
import { describe, expect, it } from 'vitest';
import { fingerprint, fnv64 } from './fingerprint.ts';

function fnv64BigInt(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return hash.toString(16).padStart(16, '0');
}

describe('fnv64', () => {
  it('matches_the_bigint_definition_on_empty_ascii_unicode_and_long_inputs', () => {
    const inputs = ['', 'a', 'foobar', '{}:{alertname="x"}', 'température ° 🌡', 'x'.repeat(5000)];
    let seed = 7;
    for (let i = 0; i < 300; i++) {
      let s = '';
      for (let j = 0; j < i % 97; j++) s += String.fromCharCode(((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 0x2ff) + 1);
      inputs.push(s);
    }
    for (const text of inputs) expect(fnv64(text)).toBe(fnv64BigInt(text));
  });

  it('keeps_the_published_test_vectors', () => {
    expect(fnv64('')).toBe('cbf29ce484222325');
    expect(fnv64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv64('foobar')).toBe('85944171f73967e8');
  });

  it('gives_a_label_set_one_fingerprint_whatever_its_key_order', () => {
    expect(fingerprint({ b: '2', a: '1' })).toBe(fingerprint({ a: '1', b: '2' }));
  });
});
