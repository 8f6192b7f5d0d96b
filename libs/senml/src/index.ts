// SenML (RFC 8428) parsing, validation and record resolution, plus the simple
// JSON readings form. Guest-safe: used inside the ingest wasm component.
export { SUPPORTED_SENML_VERSION, RELATIVE_TIME_LIMIT, SENML_LABELS, SenmlError } from './model.ts';
export type { ResolvedRecord, SenmlRecordInput, SenmlValue, SenmlLabel } from './model.ts';
export { resolveSenmlRecords } from './resolve.ts';
export { decodeSenmlCbor, SenmlDecodeError } from './cbor.ts';
export { resolveReadings } from './readings.ts';
export type { ResolvedReadings } from './readings.ts';
export { checkResolvedName, nameBelongsToDevice } from './names.ts';
export { permissiveLimits } from './limits.ts';
export type { RecordLimits } from './limits.ts';
