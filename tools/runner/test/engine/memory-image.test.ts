// The module rewrites behind fast fresh instances, on a hand-assembled module
// with a memory, a data segment and a mutable global: the rewritten module must
// start in exactly the state the original does, and a recycled instance must be
// indistinguishable from a new one.
import { describe, expect, it } from 'vitest';
import { splitMemoryImage, MemoryPool, IMAGE_IMPORT } from '../../src/engine/memory-image.ts';
import { InstanceRecycler } from '../../src/engine/instance-recycler.ts';
import { limitMemory } from '../../src/engine/memory-limit.ts';

const section = (id: number, body: number[]) => [id, body.length, ...body];
const ascii = (text: string) => [...new TextEncoder().encode(text)];

/** (func (export "poke") (param i32) store8 42 at param; global0 += 1), exported memory of 1 page, "hello" at 16, global0 = 1024. */
function testModule(): Uint8Array {
  const code = [0x00, 0x20, 0x00, 0x41, 0x2a, 0x3a, 0x00, 0x00, 0x23, 0x00, 0x41, 0x01, 0x6a, 0x24, 0x00, 0x0b];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 1, 0x7f, 0]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0x00, 1]),
    ...section(6, [1, 0x7f, 0x01, 0x41, 0x80, 0x08, 0x0b]),
    ...section(7, [2, 4, ...ascii('poke'), 0x00, 0, 6, ...ascii('memory'), 0x02, 0]),
    ...section(10, [1, code.length, ...code]),
    ...section(11, [1, 0x00, 0x41, 16, 0x0b, 5, ...ascii('hello')]),
  ]);
}

describe('splitMemoryImage', () => {
  const original = testModule();
  const split = splitMemoryImage(original, 4 * 65536)!;

  it('captures_the_data_segments_in_the_image', () => {
    expect(split).toBeDefined();
    expect(split.image.length).toBe(65536);
    expect(new TextDecoder().decode(split.image.subarray(16, 21))).toBe('hello');
    expect(split.image.subarray(0, 16).every((b) => b === 0)).toBe(true);
  });

  it('imports_its_memory_with_the_cap_as_maximum_and_exports_mutable_globals', () => {
    const module = new WebAssembly.Module(split.wasm as Uint8Array<ArrayBuffer>);
    expect(WebAssembly.Module.imports(module)).toEqual([{ module: IMAGE_IMPORT.module, name: IMAGE_IMPORT.name, kind: 'memory' }]);
    expect(WebAssembly.Module.exports(module).map((e) => e.name)).toEqual(['poke', 'memory', ...split.globalExports]);
    expect(split.maxPages).toBe(4);
    expect(split.recyclable).toBe(true);
  });

  it('starts_in_the_same_state_as_the_original_module', () => {
    const fresh = new WebAssembly.Instance(new WebAssembly.Module(original as Uint8Array<ArrayBuffer>));
    const memory = new MemoryPool(split).take();
    const rewritten = new WebAssembly.Instance(new WebAssembly.Module(split.wasm as Uint8Array<ArrayBuffer>), { [IMAGE_IMPORT.module]: { [IMAGE_IMPORT.name]: memory } });
    expect(new Uint8Array(memory.buffer)).toEqual(new Uint8Array((fresh.exports.memory as WebAssembly.Memory).buffer));
    expect(rewritten.exports.memory).toBe(memory);
    expect((rewritten.exports[split.globalExports[0]!] as WebAssembly.Global).value).toBe(1024);
  });

  it('refuses_modules_without_a_defined_memory', () => {
    const noMemory = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    expect(splitMemoryImage(noMemory, 65536)).toBeUndefined();
  });
});

describe('InstanceRecycler', () => {
  const split = splitMemoryImage(testModule(), 4 * 65536)!;
  const module = new WebAssembly.Module(split.wasm as Uint8Array<ArrayBuffer>);

  it('hands_out_a_reset_instance_after_one_was_used', () => {
    const recycler = new InstanceRecycler(module, split, split.globalExports);
    const first = recycler.take({});
    const bytes = () => new Uint8Array((first.exports.memory as WebAssembly.Memory).buffer);
    (first.exports.poke as (at: number) => void)(100);
    (first.exports.poke as (at: number) => void)(17);
    const global = () => (first.exports[split.globalExports[0]!] as WebAssembly.Global).value;
    expect(global()).toBe(1026);
    expect(bytes()[100]).toBe(42);
    recycler.give(first);
    const second = recycler.take({});
    expect(second).toBe(first); // reused, not re-instantiated
    expect(global()).toBe(1024);
    expect(bytes()[100]).toBe(0);
    expect(bytes()).toEqual(split.image);
  });

  it('resets_memory_written_by_the_previous_user', () => {
    const pool = new MemoryPool(split);
    const memory = pool.take();
    new Uint8Array(memory.buffer).fill(7);
    pool.give(memory);
    const again = pool.take();
    expect(again).toBe(memory);
    expect(new Uint8Array(again.buffer)).toEqual(split.image);
  });

  it('drops_a_memory_that_grew_instead_of_reusing_it', () => {
    const pool = new MemoryPool(split);
    const memory = pool.take();
    memory.grow(1);
    pool.give(memory);
    expect(pool.take()).not.toBe(memory);
  });
});

describe('limitMemory', () => {
  it('caps_memory_growth_at_the_limit', () => {
    const capped = new WebAssembly.Instance(new WebAssembly.Module(limitMemory(testModule(), 2 * 65536) as Uint8Array<ArrayBuffer>));
    const memory = capped.exports.memory as WebAssembly.Memory;
    expect(memory.grow(1)).toBe(1);
    expect(() => memory.grow(1)).toThrow(RangeError);
  });
});
