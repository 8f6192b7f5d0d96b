// Where operator configuration lives in key-value: one JSON document per
// collection (rules, receivers, silences). These change at admin speed, so a
// whole-document write is simple and enough; the hot paths (alerts,
// notifications) use write-once logs instead (claim.ts).
import { getJson, setJson } from '@edgewatch/spin-key-value';
import type { AlertsEnv } from './env.ts';
import { DEFAULT_RULES, type Rule } from './rules.ts';
import type { Receiver } from './receivers.ts';
import type { Silence } from './silences.ts';

export const CONFIG_KEYS = { rules: 'alerting/config/rules', receivers: 'alerting/config/receivers', silences: 'alerting/config/silences' } as const;

/** Everything an evaluation reads from configuration. */
export interface AlertingConfigSnapshot {
  rules: Rule[];
  receivers: Receiver[];
  silences: Silence[];
}

type Store = Pick<AlertsEnv, 'store'>;

/** The rule set; the defaults until an operator writes one (an empty list disables all rules). */
export function loadRules(env: Store): Rule[] {
  return getJson<Rule[]>(env.store, CONFIG_KEYS.rules) ?? [...DEFAULT_RULES];
}

/** Configured receivers (none by default: alerts are listed but not sent). */
export function loadReceivers(env: Store): Receiver[] {
  return getJson<Receiver[]>(env.store, CONFIG_KEYS.receivers) ?? [];
}

/** Configured silences, expired ones included (the API lists them until deleted). */
export function loadSilences(env: Store): Silence[] {
  return getJson<Silence[]>(env.store, CONFIG_KEYS.silences) ?? [];
}

/** Read all three collections. */
export function loadConfig(env: Store): AlertingConfigSnapshot {
  return { rules: loadRules(env), receivers: loadReceivers(env), silences: loadSilences(env) };
}

/** Replace one collection. */
export function saveCollection(env: Store, name: keyof typeof CONFIG_KEYS, items: readonly unknown[]): void {
  setJson(env.store, CONFIG_KEYS[name], items);
}

/** Insert or replace by key; returns whether it replaced. */
export function upsert<T>(items: T[], item: T, key: (x: T) => string): boolean {
  const index = items.findIndex((x) => key(x) === key(item));
  if (index >= 0) items[index] = item;
  else items.push(item);
  return index >= 0;
}
