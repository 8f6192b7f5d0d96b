// Types of the WIT import as componentize-js exposes it (errors are thrown).
declare module 'fermyon:spin/key-value@2.0.0' {
  export class Store {
    static open(label: string): Store;
    get(key: string): Uint8Array | undefined;
    set(key: string, value: Uint8Array): void;
    delete(key: string): void;
    exists(key: string): boolean;
    getKeys(): string[];
  }
}
