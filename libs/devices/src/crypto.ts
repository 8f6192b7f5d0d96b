// Hashing and comparison for credentials, on Web Crypto (crypto.subtle), which
// both Node and StarlingMonkey provide, so the same code runs in tests and wasm.

const encoder = new TextEncoder();

/** Lowercase hex SHA-256 of a string (UTF-8) or bytes. */
export async function sha256Hex(input: string | Uint8Array<ArrayBuffer>): Promise<string> {
  const bytes = typeof input === 'string' ? encoder.encode(input) : input;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Compare two strings in time that depends only on their lengths, never on where they differ. */
export function timingSafeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  // Compare against itself on a length mismatch so the loop still runs, then fail.
  const other = x.length === y.length ? y : x;
  let diff = x.length === y.length ? 0 : 1;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ other[i]!;
  return diff === 0;
}

/** 32 random bytes as base64url: the secret half of a device token. */
export function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
