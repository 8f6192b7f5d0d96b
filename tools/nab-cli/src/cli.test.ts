import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = path.join(import.meta.dirname, 'cli.ts');

function stamp(i: number): string {
  return new Date(Date.UTC(2024, 0, 1) + i * 300_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** Two categories, three files: a spike inside a labelled window, a clean file, a level shift. */
function makeDataset(): { data: string; labels: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'nab-cli-'));
  const files: Record<string, (i: number) => number> = {
    'catA/spike.csv': (i) => 50 + 10 * Math.sin(i / 20) + (i === 1500 ? 80 : 0),
    'catA/clean.csv': (i) => 50 + 10 * Math.sin(i / 20),
    'catB/shift.csv': (i) => (i < 1700 ? 10 : 30) + Math.sin(i / 5),
  };
  for (const [rel, f] of Object.entries(files)) {
    mkdirSync(path.join(root, 'data', path.dirname(rel)), { recursive: true });
    const rows = Array.from({ length: 2000 }, (_, i) => `${stamp(i)},${f(i).toFixed(4)}`);
    writeFileSync(path.join(root, 'data', rel), `timestamp,value\n${rows.join('\n')}\n`);
  }
  const labels = {
    'catA/spike.csv': [[`${stamp(1450)}.000000`, `${stamp(1550)}.000000`]],
    'catA/clean.csv': [],
    'catB/shift.csv': [[`${stamp(1650)}.000000`, `${stamp(1750)}.000000`]],
  };
  writeFileSync(path.join(root, 'labels.json'), JSON.stringify(labels));
  return { data: path.join(root, 'data'), labels: path.join(root, 'labels.json') };
}

function run(args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
}

describe('nab cli', () => {
  const ds = makeDataset();

  it('writes_one_result_csv_per_input_at_the_same_relative_path', () => {
    const out = path.join(path.dirname(ds.data), 'out');
    execFileSync(process.execPath, [CLI, '--data', ds.data, '--out', out]);
    const lines = readFileSync(path.join(out, 'catB/shift.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('timestamp,value,anomaly_score');
    expect(lines).toHaveLength(2001);
    expect(lines[1]!.startsWith(`${stamp(0)},`)).toBe(true);
    const scores = lines.slice(1).map((l) => Number(l.split(',')[2]));
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
  });

  it('prints_nab_scores_for_the_three_profiles_and_finds_both_anomalies', () => {
    const res = run(['--data', ds.data, '--labels', ds.labels, '--verbose']);
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('ensemble (wasm engine)');
    for (const profile of ['standard', 'reward_low_FP_rate', 'reward_low_FN_rate']) expect(res.stdout).toContain(profile);
    const standard = /standard\s+score\s+(-?[\d.]+).*windows hit (\d+)\/2/.exec(res.stdout);
    expect(standard).not.toBeNull();
    expect(Number(standard![2])).toBe(2);
    expect(Number(standard![1])).toBeGreaterThan(50);
    expect(res.stdout).toContain('catA/clean.csv');
  });

  it('prints_the_same_scores_from_the_ts_engine_as_from_the_default_wasm_engine', () => {
    const scoreLines = (out: string) => out.split('\n').filter((l) => /score\s/.test(l));
    const wasm = run(['--data', ds.data, '--labels', ds.labels]);
    const ts = run(['--data', ds.data, '--labels', ds.labels, '--engine', 'ts']);
    expect(ts.stdout).toContain('ensemble (ts engine)');
    expect(scoreLines(ts.stdout)).toHaveLength(3);
    expect(scoreLines(wasm.stdout)).toEqual(scoreLines(ts.stdout));
  });

  it('names_the_flag_and_fix_on_bad_input', () => {
    expect(run([]).stderr).toMatch(/--data is required/);
    expect(run(['--data', '/nonexistent']).stderr).toMatch(/--data \/nonexistent: not a directory/);
    expect(run(['--data', ds.data, '--detector', 'magic']).stderr).toMatch(/--detector: unknown detector "magic"/);
    expect(run(['--data', ds.data, '--engine', 'gpu']).stderr).toMatch(/--engine gpu: unknown engine, use --engine wasm/);
    expect(run(['--data', ds.data, '--bogus']).stderr).toMatch(/--bogus: unknown flag/);
  });

  it('reports_the_file_and_row_of_a_bad_value', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'nab-bad-'));
    writeFileSync(path.join(root, 'bad.csv'), `timestamp,value\n${stamp(0)},1\n${stamp(1)},abc\n`);
    const res = run(['--data', root]);
    expect(res.status).not.toBe(0);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(/bad\.csv:3: value "abc" is not a finite number/);
  });

  it('refuses_a_data_file_without_labels', () => {
    const labels = path.join(path.dirname(ds.data), 'partial.json');
    writeFileSync(labels, JSON.stringify({ 'catA/spike.csv': [] }));
    expect(run(['--data', ds.data, '--labels', labels]).stderr).toMatch(/no entry for "catA\/clean.csv"/);
  });
});
