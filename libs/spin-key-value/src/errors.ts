// The WIT `error` variant of fermyon:spin/key-value as a JS error class.

export type KeyValueErrorTag = 'store-table-full' | 'no-such-store' | 'access-denied' | 'other';

/** A key-value host error; `tag` is the WIT variant case. */
export class KeyValueError extends Error {
  readonly tag: KeyValueErrorTag;
  constructor(tag: KeyValueErrorTag, detail?: string) {
    super(detail ? `key-value ${tag}: ${detail}` : `key-value ${tag}`);
    this.name = 'KeyValueError';
    this.tag = tag;
  }
}

/**
 * Convert what a WIT call threw into a `KeyValueError`. componentize-js throws
 * `err` results as a value whose `payload` is the variant (`{ tag, val }`).
 */
export function toKeyValueError(thrown: unknown): KeyValueError {
  if (thrown instanceof KeyValueError) return thrown;
  const payload = (thrown as { payload?: { tag?: string; val?: unknown } } | undefined)?.payload;
  switch (payload?.tag) {
    case 'store-table-full':
    case 'no-such-store':
    case 'access-denied':
      return new KeyValueError(payload.tag);
    case 'other':
      return new KeyValueError('other', String(payload.val));
    default:
      return new KeyValueError('other', thrown instanceof Error ? thrown.message : String(thrown));
  }
}
