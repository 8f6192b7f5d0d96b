// What Fermyon Cloud (and Akamai Functions' `spin aka deploy`, which shares the
// restrictions listed here) would refuse in a spin.toml, per manifest key: no
// local service chaining, no manifest expressions in allowed_outbound_hosts,
// one key-value store per app, and anything Spin's own loader refuses first.
// Runtime config is not a manifest key: the cloud ignores it, so the profile
// must not depend on one (documented in deploy/fermyon-cloud/README.md).
import { chainedComponent, templateNames, type SpinToml } from '../manifest/spin-toml.ts';

export interface Refusal {
  /** Dotted manifest key, e.g. `component.ingest.allowed_outbound_hosts`. */
  key: string;
  /** What is refused and what to do instead. */
  reason: string;
}

/** Fermyon Cloud's published key-value limits (per key and per value). */
export const CLOUD_KV_LIMITS = { keyBytes: 255, valueBytes: 1024 * 1024, storesPerApp: 1 };

/** Every refusal for `spin`, in manifest order. */
export function cloudRefusals(spin: SpinToml): Refusal[] {
  const { doc } = spin;
  const refusals: Refusal[] = [];
  for (const [name, v] of Object.entries(doc.variables ?? {})) {
    if (!!v.required === (v.default !== undefined)) {
      refusals.push({ key: `variables.${name}`, reason: `Spin's loader (and so every cloud deploy) needs exactly one of required = true or a default; e.g. { default = ""${v.secret ? ', secret = true' : ''} }` });
    }
  }
  for (const kind of Object.keys(doc.trigger ?? {})) {
    if (kind !== 'http') refusals.push({ key: `trigger.${kind}`, reason: 'only HTTP triggers run on Fermyon Cloud' });
  }
  const labels = new Map<string, string[]>();
  for (const [id, c] of Object.entries(doc.component ?? {})) {
    const key = `component.${id}.allowed_outbound_hosts`;
    for (const host of c.allowed_outbound_hosts ?? []) {
      if (chainedComponent(host) !== undefined) refusals.push({ key, reason: `"${host}": local service chaining is not supported; call the component through the app's own routes ("http://self")` });
      const names = templateNames(host);
      if (names.length) refusals.push({ key, reason: `"${host}": manifest expressions ({{ ${names.join(' }}, {{ ')} }}) are not supported here; write the host literally` });
    }
    for (const label of c.key_value_stores ?? []) labels.set(label, [...(labels.get(label) ?? []), id]);
  }
  if (labels.size > CLOUD_KV_LIMITS.storesPerApp) {
    for (const [label, ids] of labels) {
      for (const id of ids) refusals.push({ key: `component.${id}.key_value_stores`, reason: `"${label}": an app gets one key-value store; it uses ${labels.size} (${[...labels.keys()].join(', ')}); share one label` });
    }
  }
  return refusals;
}
