// Types of the wasi:keyvalue@0.2.0-draft2 imports as componentize-js exposes them:
// `result` errors are thrown (payload: the WIT `error` variant), s64 crosses as BigInt.
declare module 'wasi:keyvalue/store@0.2.0-draft2' {
  export class Bucket {
    get(key: string): Uint8Array | undefined;
    set(key: string, value: Uint8Array): void;
    delete(key: string): void;
    exists(key: string): boolean;
  }
  export function open(identifier: string): Bucket;
}

declare module 'wasi:keyvalue/atomics@0.2.0-draft2' {
  import type { Bucket } from 'wasi:keyvalue/store@0.2.0-draft2';
  export function increment(bucket: Bucket, key: string, delta: bigint): bigint;
}
