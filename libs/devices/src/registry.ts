// The device registry: one record per device holding only the SHA-256 of its
// token's secret. Tokens are `<device id>.<secret>`; the id part finds the
// record, the secret is hashed and compared in constant time.
import type { KeyValueStore } from '@edgewatch/spin-key-value';
import { getJson, setJson } from '@edgewatch/spin-key-value';
import { randomSecret, sha256Hex, timingSafeEqual } from './crypto.ts';

/** Device ids: what SenML base names start with, and what fits the storage key layout. */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

const PREFIX = 'device|';
const recordKey = (id: string) => `${PREFIX}${id}`;
// Hash compared when the id is unknown, so unknown ids cost the same as wrong secrets.
const NO_SUCH_DEVICE_HASH = '0'.repeat(64);

/** What the registry stores about a device (never the token itself). */
export interface DeviceRecord {
  id: string;
  tokenHash: string;
  createdAt: string;
  revokedAt?: string;
  /** HMAC key of a device that signs its requests; the server must know it to verify, so it is stored as issued. */
  signingKey?: string;
}

/** A device id is already registered. */
export class DeviceExists extends Error {
  constructor(id: string) {
    super(`device "${id}" already exists`);
    this.name = 'DeviceExists';
  }
}

/** Why an id is unusable, or undefined when it is fine. */
export function deviceIdProblem(id: unknown): string | undefined {
  if (typeof id !== 'string') return '"id" must be a string';
  if (!DEVICE_ID_PATTERN.test(id)) return `"id" must be 1-64 characters of A-Z a-z 0-9 . _ : - starting with a letter or digit, got ${JSON.stringify(id)}`;
  return undefined;
}

async function issueToken(id: string): Promise<{ token: string; tokenHash: string }> {
  const secret = randomSecret();
  return { token: `${id}.${secret}`, tokenHash: await sha256Hex(secret) };
}

/** Options of a new device. */
export interface NewDeviceOptions {
  /** Issue an HMAC signing key; the device must then sign every ingest request. */
  signing?: boolean;
  now?: Date;
}

/** Register a device; returns the record and its token, which is shown this once only. */
export async function createDevice(store: KeyValueStore, id: string, options: NewDeviceOptions = {}): Promise<{ device: DeviceRecord; token: string }> {
  if (store.exists(recordKey(id))) throw new DeviceExists(id);
  const { token, tokenHash } = await issueToken(id);
  const device: DeviceRecord = { id, tokenHash, createdAt: (options.now ?? new Date()).toISOString() };
  if (options.signing) device.signingKey = randomSecret();
  setJson(store, recordKey(id), device);
  return { device, token };
}

/** Replace a device's token (and lift a revocation); the old token stops working. */
export async function rotateToken(store: KeyValueStore, id: string): Promise<string | undefined> {
  const device = getDevice(store, id);
  if (!device) return undefined;
  const { token, tokenHash } = await issueToken(id);
  const { revokedAt: _lifted, ...kept } = device;
  setJson(store, recordKey(id), { ...kept, tokenHash } satisfies DeviceRecord);
  return token;
}

/** Revoke a device's token; its data stays. Returns false for an unknown id. */
export function revokeDevice(store: KeyValueStore, id: string, now = new Date()): boolean {
  const device = getDevice(store, id);
  if (!device) return false;
  if (!device.revokedAt) setJson(store, recordKey(id), { ...device, revokedAt: now.toISOString() });
  return true;
}

/** One device's record. */
export function getDevice(store: KeyValueStore, id: string): DeviceRecord | undefined {
  return getJson<DeviceRecord>(store, recordKey(id));
}

/** Every registered device, sorted by id. */
export function listDevices(store: KeyValueStore, keys = store.getKeys()): DeviceRecord[] {
  return keys
    .filter((k) => k.startsWith(PREFIX))
    .sort()
    .map((k) => getJson<DeviceRecord>(store, k))
    .filter((d): d is DeviceRecord => d !== undefined);
}

/** The device a bearer token belongs to, or undefined for any malformed, unknown, wrong or revoked token. */
export async function authenticateDevice(store: KeyValueStore, token: string): Promise<DeviceRecord | undefined> {
  const dot = token.lastIndexOf('.');
  const id = dot > 0 ? token.slice(0, dot) : '';
  const secret = dot > 0 ? token.slice(dot + 1) : token;
  const device = DEVICE_ID_PATTERN.test(id) ? getDevice(store, id) : undefined;
  const presented = await sha256Hex(secret);
  const matches = timingSafeEqual(presented, device?.tokenHash ?? NO_SUCH_DEVICE_HASH);
  return device && matches && !device.revokedAt ? device : undefined;
}

/** Check a presented admin token against the configured one in constant time. */
export async function verifyAdminToken(presented: string, configured: string): Promise<boolean> {
  // Hashing first makes the comparison length-independent as well.
  return timingSafeEqual(await sha256Hex(presented), await sha256Hex(configured));
}
