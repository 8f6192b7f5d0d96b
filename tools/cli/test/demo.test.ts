// `edgewatch demo`'s default source and its one-line failures. The series logic is
// tested in libs/demo-data; the full command against a running app in tools/dashboard-e2e.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseNabCsv } from '@edgewatch/demo-data';
import { DEFAULT_NAB_FILE } from '../src/commands/demo.ts';

const MAIN = path.resolve(import.meta.dirname, '../src/main.ts');

describe('demo source', () => {
  it.runIf(existsSync(DEFAULT_NAB_FILE))('reads_the_shared_nab_machine_temperature_file', () => {
    expect(parseNabCsv(readFileSync(DEFAULT_NAB_FILE, 'utf8')).length).toBe(22695);
  });
});

describe('edgewatch demo failures', () => {
  const fails = async (args: string[], env: Record<string, string | undefined> = {}) => {
    try {
      await promisify(execFile)(process.execPath, [MAIN, 'demo', ...args], { env: { ...process.env, ...env } });
      throw new Error('expected a failure');
    } catch (error) {
      const e = error as { stderr: string; code: number };
      return { stderr: e.stderr, code: e.code };
    }
  };

  it('refuses_a_bad_days_value_in_one_line', async () => {
    const { stderr, code } = await fails(['--days', 'many']);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('--days must be a whole number');
  });

  it('says_where_the_admin_token_comes_from', async () => {
    const { stderr, code } = await fails([], { EDGEWATCH_ADMIN_TOKEN: '' });
    expect(code).toBe(1);
    expect(stderr).toContain('EDGEWATCH_ADMIN_TOKEN is not set');
  });

  it('names_a_missing_csv', async () => {
    const { stderr } = await fails(['--from', '/nonexistent.csv', '--token', 't']);
    expect(stderr).toContain('--from /nonexistent.csv does not exist');
  });
});
