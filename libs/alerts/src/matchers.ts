// Label matchers in Alertmanager's JSON form ({ name, value, isRegex, isEqual }),
// shared by rules (which devices/series/labels a rule applies to), receivers
// (routing) and silences, so an operator learns one syntax.

/** One label condition; regexes are anchored like Alertmanager's. */
export interface Matcher {
  name: string;
  value: string;
  isRegex?: boolean;
  /** false negates the match (`!=`, `!~`); default true. */
  isEqual?: boolean;
}

/** A label set: alert labels, or the facts a rule is matched against. */
export type Labels = Record<string, string>;

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

// Compiled anchored regexes by source: the same few matchers are applied to every alert of every pass.
const compiled = new Map<string, RegExp>();
function anchored(source: string): RegExp {
  let re = compiled.get(source);
  if (!re) {
    if (compiled.size >= 1000) compiled.clear();
    re = new RegExp(`^(?:${source})$`);
    compiled.set(source, re);
  }
  return re;
}

/** Whether one matcher accepts `labels` (an absent label reads as ""). */
export function matcherMatches(matcher: Matcher, labels: Labels): boolean {
  const actual = labels[matcher.name] ?? '';
  const hit = matcher.isRegex ? anchored(matcher.value).test(actual) : actual === matcher.value;
  return matcher.isEqual === false ? !hit : hit;
}

/** Whether every matcher accepts `labels` (an empty list accepts everything). */
export function matchesAll(matchers: readonly Matcher[], labels: Labels): boolean {
  return matchers.every((m) => matcherMatches(m, labels));
}

/** Validate a JSON matcher list; `where` prefixes error messages (e.g. "matchers"). */
export function parseMatchers(raw: unknown, where: string): Matcher[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new Error(`${where} must be an array of { name, value, isRegex?, isEqual? }`);
  return raw.map((item, index) => {
    const at = `${where}[${index}]`;
    if (typeof item !== 'object' || item === null) throw new Error(`${at} must be an object { name, value, isRegex?, isEqual? }`);
    const { name, value, isRegex, isEqual } = item as Record<string, unknown>;
    if (typeof name !== 'string' || !LABEL_NAME.test(name)) throw new Error(`${at}.name must be a label name like "device" or "severity"`);
    if (typeof value !== 'string') throw new Error(`${at}.value must be a string`);
    if (isRegex !== undefined && typeof isRegex !== 'boolean') throw new Error(`${at}.isRegex must be a boolean`);
    if (isEqual !== undefined && typeof isEqual !== 'boolean') throw new Error(`${at}.isEqual must be a boolean`);
    if (isRegex) {
      try {
        new RegExp(value);
      } catch (error) {
        throw new Error(`${at}.value is not a valid regular expression: ${(error as Error).message}`);
      }
    }
    return { name, value, ...(isRegex ? { isRegex: true } : {}), ...(isEqual === false ? { isEqual: false } : {}) };
  });
}

/** Validate a JSON object of string labels. */
export function parseLabels(raw: unknown, where: string): Labels {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`${where} must be an object of string values`);
  const out: Labels = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!LABEL_NAME.test(name)) throw new Error(`${where}: "${name}" is not a label name (letters, digits, _; not starting with a digit)`);
    if (typeof value !== 'string') throw new Error(`${where}.${name} must be a string`);
    out[name] = value;
  }
  return out;
}
