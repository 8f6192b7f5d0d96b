// Types of the WIT import as componentize-js exposes it (errors are thrown).
declare module 'fermyon:spin/variables@2.0.0' {
  export function get(name: string): string;
}
