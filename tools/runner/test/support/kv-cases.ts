// The key-value conformance cases, written once against a running app and run
// against every backend (SQLite file, Redis, memory): Spin's semantics for
// get/set/delete/exists/get-keys as a guest sees them through the WIT interface.
import { expect, it } from 'vitest';

/** How a case reaches the app under test. */
export interface KvTarget {
  url(): string;
  /** Store label every case uses. */
  store: string;
}

const kv = (target: KvTarget, op: string, key?: string, init?: RequestInit) =>
  fetch(`${target.url()}/kv/${op}?store=${encodeURIComponent(target.store)}${key === undefined ? '' : `&key=${encodeURIComponent(key)}`}`, init);

const set = async (target: KvTarget, key: string, value: string | Uint8Array) => {
  const response = await kv(target, 'set', key, { method: 'PUT', body: value as BodyInit });
  expect(response.status).toBe(200);
};

const keys = async (target: KvTarget) => ((await (await kv(target, 'keys')).json()) as { keys: string[] }).keys;

/** Register the shared cases inside the caller's describe(); `prefix` keeps backends sharing a server apart. */
export function keyValueCases(target: KvTarget, prefix: string): void {
  it('reads_back_what_it_wrote', async () => {
    await set(target, `${prefix}greeting`, 'hello');
    const response = await kv(target, 'get', `${prefix}greeting`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('hello');
  });

  it('overwrites_an_existing_key', async () => {
    await set(target, `${prefix}counter`, '1');
    await set(target, `${prefix}counter`, '2');
    expect(await (await kv(target, 'get', `${prefix}counter`)).text()).toBe('2');
  });

  it('keeps_binary_values_byte_for_byte', async () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    await set(target, `${prefix}binary`, bytes);
    expect(new Uint8Array(await (await kv(target, 'get', `${prefix}binary`)).arrayBuffer())).toEqual(bytes);
  });

  it('stores_an_empty_value_as_present', async () => {
    await set(target, `${prefix}empty`, '');
    expect(await (await kv(target, 'exists', `${prefix}empty`)).json()).toEqual({ exists: true });
    const response = await kv(target, 'get', `${prefix}empty`);
    expect(response.status).toBe(200);
    expect((await response.arrayBuffer()).byteLength).toBe(0);
  });

  it('answers_a_missing_key_as_none_not_an_error', async () => {
    expect((await kv(target, 'get', `${prefix}never-written`)).status).toBe(404);
    expect(await (await kv(target, 'exists', `${prefix}never-written`)).json()).toEqual({ exists: false });
  });

  it('deletes_a_key_and_deleting_again_succeeds', async () => {
    await set(target, `${prefix}doomed`, 'x');
    expect((await kv(target, 'delete', `${prefix}doomed`)).status).toBe(200);
    expect(await (await kv(target, 'exists', `${prefix}doomed`)).json()).toEqual({ exists: false });
    expect((await kv(target, 'delete', `${prefix}doomed`)).status).toBe(200);
  });

  it('lists_exactly_the_keys_written', async () => {
    const names = ['list/a', 'list/b', 'list/ü unicode', 'list/with spaces'].map((k) => `${prefix}${k}`);
    for (const name of names) await set(target, name, name);
    const listed = (await keys(target)).filter((k) => k.startsWith(`${prefix}list/`));
    expect(listed.sort()).toEqual([...names].sort());
    await kv(target, 'delete', names[0]);
    expect((await keys(target)).filter((k) => k.startsWith(`${prefix}list/`))).not.toContain(names[0]);
  });

  it('keeps_keys_that_look_like_patterns_literal', async () => {
    await set(target, `${prefix}glob*`, 'star');
    await set(target, `${prefix}glob?`, 'question');
    expect(await (await kv(target, 'get', `${prefix}glob*`)).text()).toBe('star');
    expect(await (await kv(target, 'get', `${prefix}glob?`)).text()).toBe('question');
  });

  it('refuses_a_store_the_component_did_not_declare_with_access_denied', async () => {
    const response = await fetch(`${target.url()}/kv/get?store=undeclared&key=x`);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ tag: 'access-denied' });
  });
}
