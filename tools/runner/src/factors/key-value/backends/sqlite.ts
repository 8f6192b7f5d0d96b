// SQLite key-value backend on node:sqlite, in Spin's own table layout. Each
// worker opens its own connection; WAL mode and a busy timeout let concurrent
// workers (and a real `spin up` on the same file) write without lost updates.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { addI64, decodeCounter, encodeCounter, SPIN_KV_TABLE_SQL, type KeyValueBackend } from './backend.ts';

const connections = new Map<string, DatabaseSync>();

function connect(file: string): DatabaseSync {
  let db = connections.get(file);
  if (!db) {
    mkdirSync(path.dirname(file), { recursive: true });
    db = new DatabaseSync(file, { timeout: 10_000 });
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec(SPIN_KV_TABLE_SQL);
    connections.set(file, db);
  }
  return db;
}

/** A store `label` inside the SQLite file at `file`. */
export function openSqliteBackend(file: string, label: string): KeyValueBackend {
  const db = connect(file);
  const get = db.prepare('SELECT value FROM spin_key_value WHERE store = ? AND key = ?');
  const set = db.prepare(
    'INSERT INTO spin_key_value (store, key, value) VALUES (?, ?, ?) ON CONFLICT (store, key) DO UPDATE SET value = excluded.value',
  );
  const del = db.prepare('DELETE FROM spin_key_value WHERE store = ? AND key = ?');
  const exists = db.prepare('SELECT 1 FROM spin_key_value WHERE store = ? AND key = ?');
  const keys = db.prepare('SELECT key FROM spin_key_value WHERE store = ?');
  const swap = db.prepare('UPDATE spin_key_value SET value = ? WHERE store = ? AND key = ? AND value = ?');
  const read = (key: string) => {
    const row = get.get(label, key) as { value: Uint8Array } | undefined;
    return row ? new Uint8Array(row.value) : undefined;
  };
  return {
    get: read,
    set: (key, value) => void set.run(label, key, value),
    delete: (key) => void del.run(label, key),
    exists: (key) => exists.get(label, key) !== undefined,
    getKeys: () => (keys.all(label) as { key: string }[]).map((r) => r.key),
    // As Spin: read-modify-write in one IMMEDIATE transaction, so other workers'
    // connections (and a real `spin up`) wait on the write lock instead of racing.
    increment: (key, delta) => {
      db.exec('BEGIN IMMEDIATE');
      try {
        const next = addI64(decodeCounter(read(key)), delta);
        set.run(label, key, encodeCounter(next));
        db.exec('COMMIT');
        return next;
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
    // Spin's SQLite provider: compare in the UPDATE's WHERE; with nothing read
    // (`expected` undefined) it upserts, so that swap always succeeds.
    casSwap: (key, expected, value) => {
      if (expected === undefined) {
        set.run(label, key, value);
        return true;
      }
      return Number(swap.run(value, label, key, expected).changes) === 1;
    },
  };
}

/** Close every connection this thread opened (tests, shutdown). */
export function closeSqliteBackends(): void {
  for (const db of connections.values()) db.close();
  connections.clear();
}
