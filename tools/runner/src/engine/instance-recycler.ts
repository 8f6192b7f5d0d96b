// Reuse core-module instances across requests, reset to their initial state.
// A fresh `new WebAssembly.Instance` of a StarlingMonkey core module costs
// ≈ 1.5 ms even with a memory image (its 7k-entry function table is rebuilt);
// wasmtime's pooling allocator avoids this by resetting a slot instead. Here:
// the instance's function imports are forwarders whose targets are swapped for
// each new component instance, its memory is copied back from the image and its
// mutable globals are restored — for a module whose state is exactly memory +
// globals (see MemoryImageModule.recyclable), that is indistinguishable from a
// fresh instantiation.
import { IMAGE_IMPORT, MemoryPool } from './memory-image.ts';
import type { MemoryImage } from './prepare-component.ts';

interface Slot {
  instance: WebAssembly.Instance;
  memory: WebAssembly.Memory;
  targets: Function[];
}

/** Instances of one recyclable core module. */
export class InstanceRecycler {
  readonly #module: WebAssembly.Module;
  readonly #imports: WebAssembly.ModuleImportDescriptor[];
  readonly #memories: MemoryPool;
  readonly #imageBytes: number;
  readonly #globalExports: string[];
  #initialGlobals: (number | bigint)[] | undefined;
  readonly #parked: Slot[] = [];
  readonly #bySlot = new WeakMap<WebAssembly.Instance, Slot>();

  constructor(module: WebAssembly.Module, image: MemoryImage, globalExports: string[]) {
    this.#module = module;
    this.#imports = WebAssembly.Module.imports(module).filter((i) => i.module !== IMAGE_IMPORT.module);
    this.#memories = new MemoryPool(image);
    this.#imageBytes = image.image.length;
    this.#globalExports = globalExports;
  }

  #create(): Slot {
    const targets: Function[] = new Array(this.#imports.length);
    const importObject: Record<string, Record<string, unknown>> = { [IMAGE_IMPORT.module]: {} };
    this.#imports.forEach((descriptor, index) => {
      (importObject[descriptor.module] ??= {})[descriptor.name] = (...args: unknown[]) => targets[index]!(...args);
    });
    const memory = this.#memories.take();
    importObject[IMAGE_IMPORT.module]![IMAGE_IMPORT.name] = memory;
    const instance = new WebAssembly.Instance(this.#module, importObject as WebAssembly.Imports);
    this.#initialGlobals ??= this.#globalExports.map((name) => (instance.exports[name] as WebAssembly.Global).value as number | bigint);
    const slot = { instance, memory, targets };
    this.#bySlot.set(instance, slot);
    return slot;
  }

  /** An instance in its initial state whose imports call `imports`. */
  take(imports: WebAssembly.Imports): WebAssembly.Instance {
    const slot = this.#parked.pop() ?? this.#create();
    this.#imports.forEach((descriptor, index) => {
      const target = (imports[descriptor.module] as Record<string, unknown> | undefined)?.[descriptor.name];
      if (typeof target !== 'function') throw new Error(`missing import ${descriptor.module}#${descriptor.name}`);
      slot.targets[index] = target;
    });
    return slot.instance;
  }

  /** Reset an instance once its component instance is done, and keep it for the next one. */
  give(instance: WebAssembly.Instance): void {
    const slot = this.#bySlot.get(instance);
    // A memory that grew cannot shrink back to the image: drop that instance.
    if (!slot || slot.memory.buffer.byteLength !== this.#imageBytes || this.#parked.length >= 4) return;
    new Uint8Array(slot.memory.buffer).set(this.#memories.image);
    this.#globalExports.forEach((name, i) => ((slot.instance.exports[name] as WebAssembly.Global).value = this.#initialGlobals![i]!));
    slot.targets.fill(undefined as unknown as Function);
    this.#parked.push(slot);
  }
}
