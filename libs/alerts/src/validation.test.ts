import { describe, expect, it } from 'vitest';
import { parseDuration } from './durations.ts';
import { fingerprint } from './fingerprint.ts';
import { matchesAll } from './matchers.ts';
import { parseEvaluateBody } from './readings.ts';
import { parseReceiver, publicReceiver, urlAllowed } from './receivers.ts';
import { parseRule } from './rules.ts';
import { parseSilence } from './silences.ts';

describe('rule validation', () => {
  it.each([
    [{ id: 'Bad Id', kind: 'threshold', series: 't', above: 1 }, /id must be/],
    [{ id: 'r', kind: 'magic', series: 't', above: 1 }, /kind must be one of/],
    [{ id: 'r', kind: 'threshold', above: 1 }, /series is required/],
    [{ id: 'r', kind: 'threshold', series: 't' }, /exactly one of above or below/],
    [{ id: 'r', kind: 'threshold', series: 't', above: 80, recover: 85 }, /recover \(85\) must be at most above/],
    [{ id: 'r', kind: 'rate', series: 't', above: 1 }, /need a window/],
    [{ id: 'r', kind: 'heartbeat', series: 't' }, /remove series/],
    [{ id: 'r', kind: 'threshold', series: 't', above: 1, for: 'soon' }, /^for: .*not a duration/],
    [{ id: 'r', kind: 'threshold', series: 't', above: 1, severity: 'page' }, /severity must be one of critical, warning, info/],
    [{ id: 'r', kind: 'threshold', series: 't', above: 1, matchers: [{ name: 'device', value: '(' , isRegex: true }] }, /matchers\[0\]\.value is not a valid regular expression/],
  ])('refuses %j', (input, message) => {
    expect(() => parseRule(input)).toThrow(message);
  });

  it('fills_defaults_for_a_minimal_rule', () => {
    expect(parseRule({ id: 'r', kind: 'threshold', series: 't', above: 1 })).toMatchObject({ name: 'r', severity: 'warning', matchers: [], labels: {}, enabled: true });
  });
});

describe('receiver validation', () => {
  it('refuses_a_url_outside_the_allowed_webhook_origin_and_names_the_variable', () => {
    expect(() => parseReceiver({ name: 'ops', type: 'alertmanager-webhook', url: 'http://evil.example/hook' }, 'http://127.0.0.1:9099')).toThrow(/outside the allowed webhook origin.*webhook_allowed_host/);
  });

  it.each([
    ['http://127.0.0.1:9099', 'http://127.0.0.1:9099/hook', true],
    ['http://127.0.0.1:9099', 'http://127.0.0.1:9098/hook', false],
    ['https://*.example.com', 'https://hooks.example.com/x', true],
    ['https://*.example.com', 'https://example.com/x', false],
    ['https://hooks.example.com', 'http://hooks.example.com/x', false],
    ['https://hooks.example.com', 'https://hooks.example.com:443/x', true],
    ['*://hooks.example.com:*', 'http://hooks.example.com:8080/x', true],
  ])('allow-list %s accepts %s: %s', (allowed, url, expected) => {
    expect(urlAllowed(allowed, new URL(url))).toBe(expected);
  });

  it('requires_a_secret_for_signed_webhooks_and_never_echoes_it', () => {
    expect(() => parseReceiver({ name: 'x', type: 'json-webhook', url: 'https://h.test/' }, 'https://h.test')).toThrow(/secret/);
    const receiver = parseReceiver({ name: 'x', type: 'json-webhook', url: 'https://h.test/', secret: '0123456789abcdef' }, 'https://h.test');
    expect(JSON.stringify(publicReceiver(receiver))).not.toContain('0123456789abcdef');
  });
});

describe('silences, readings, durations, fingerprints', () => {
  it('refuses_a_silence_without_matchers_comment_or_with_an_end_before_its_start', () => {
    const end = '2030-01-01T00:00:00Z';
    expect(() => parseSilence({ matchers: [], endsAt: end, comment: 'x' }, 's', 0)).toThrow(/at least one label/);
    expect(() => parseSilence({ matchers: [{ name: 'device', value: 'd' }], endsAt: end }, 's', 0)).toThrow(/comment/);
    expect(() => parseSilence({ matchers: [{ name: 'device', value: 'd' }], startsAt: end, endsAt: '2029-01-01T00:00:00Z', comment: 'x' }, 's', 0)).toThrow(/after startsAt/);
  });

  it('names_the_bad_reading_in_evaluate_bodies', () => {
    expect(() => parseEvaluateBody({ readings: [{ device: 'd', name: 't', v: 1 }, { device: 'd', name: 't', v: 'hot' }] }, 0)).toThrow('readings[1].v must be a finite number');
    expect(parseEvaluateBody(undefined, 0)).toEqual([]);
    expect(parseEvaluateBody({ readings: [{ device: 'd', name: 't', v: 1 }] }, 5000)).toEqual([{ device: 'd', name: 't', v: 1, t: 5 }]);
  });

  it('parses_prometheus_style_durations', () => {
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration(2.5)).toBe(2500);
    expect(() => parseDuration('5 minutes')).toThrow(/not a duration/);
  });

  it('fingerprints_labels_independently_of_order_and_distinguishes_values', () => {
    expect(fingerprint({ a: '1', b: '2' })).toBe(fingerprint({ b: '2', a: '1' }));
    expect(fingerprint({ a: '1', b: '2' })).not.toBe(fingerprint({ a: '12' }));
    expect(fingerprint({ a: '1' })).toMatch(/^[0-9a-f]{16}$/);
  });

  it('anchors_regex_matchers_and_negates_with_is_equal_false', () => {
    expect(matchesAll([{ name: 'device', value: 'd1', isRegex: true }], { device: 'd10' })).toBe(false);
    expect(matchesAll([{ name: 'device', value: 'd1', isEqual: false }], { device: 'd2' })).toBe(true);
  });
});
