// Device registry and token authentication on Spin key-value. Guest-safe.
export { DEVICE_ID_PATTERN, DeviceExists, deviceIdProblem, createDevice, rotateToken, revokeDevice, getDevice, listDevices, authenticateDevice, verifyAdminToken } from './registry.ts';
export type { DeviceRecord, NewDeviceOptions } from './registry.ts';
export { signRequest, signatureProblem, SIGNATURE_SKEW_SECONDS } from './signing.ts';
export type { SignatureCheck } from './signing.ts';
export { sha256Hex, timingSafeEqual } from './crypto.ts';
