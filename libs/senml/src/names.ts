// SenML name rules (RFC 8428 §4.5.1), shared by SenML packs and the simple
// readings form so both produce series names that fit the storage key layout.
import { SenmlError } from './model.ts';

const NAME_CHARACTERS = /^[A-Za-z0-9\-:./_]*$/;
const NAME_FIRST_CHARACTER = /^[A-Za-z0-9]/;

/** Refuse a resolved name that is empty, too long, or breaks the character rules. */
export function checkResolvedName(name: string, index: number, field: string, maxLength: number): void {
  if (name.length === 0) throw new SenmlError(index, field, 'the resolved name (bn + n) is empty');
  if (name.length > maxLength) throw new SenmlError(index, field, `the resolved name is ${name.length} characters; the limit is ${maxLength}`);
  if (!NAME_CHARACTERS.test(name)) {
    const bad = [...name].find((c) => !NAME_CHARACTERS.test(c));
    throw new SenmlError(index, field, `the resolved name "${name}" contains ${JSON.stringify(bad)}; only A-Z a-z 0-9 - : . / _ are allowed`);
  }
  if (!NAME_FIRST_CHARACTER.test(name)) {
    throw new SenmlError(index, field, `the resolved name "${name}" must start with a letter or digit`);
  }
}

/** True when `name` belongs to `device`: it is the device id itself or the id followed by a separator. */
export function nameBelongsToDevice(name: string, device: string): boolean {
  if (!name.startsWith(device)) return false;
  return name.length === device.length || /[:/._-]/.test(name[device.length]!);
}
