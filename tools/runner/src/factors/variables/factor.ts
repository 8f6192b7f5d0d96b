// Variables capability (main thread): resolves each component's variables from
// application variables (SPIN_VARIABLE_<NAME> env > overrides > default) and
// refuses to start when a required one has no value.
import { RunnerError } from '../../errors.ts';
import type { Factor } from '../factor.ts';
import { renderTemplate } from '../../manifest/templates.ts';

export interface VariablesState {
  /** component id -> variable name -> value (secrets included: guests need them; never logged). */
  values: Record<string, Record<string, string>>;
}

export const variablesFactor: Factor<VariablesState> = {
  name: 'variables',
  configure({ app, variable }) {
    for (const [name, decl] of Object.entries(app.variables)) {
      if (decl.required && variable(name) === undefined) {
        throw new RunnerError('VARIABLE_REQUIRED', `variables.${name} is required: set SPIN_VARIABLE_${name.toUpperCase()}=... or pass --variable ${name}=...`);
      }
    }
    const values: VariablesState['values'] = {};
    for (const component of Object.values(app.components)) {
      const resolved: Record<string, string> = {};
      for (const [name, template] of Object.entries(component.variables)) {
        const value = renderTemplate(template, variable);
        if (value !== undefined) resolved[name] = value;
      }
      values[component.id] = resolved;
    }
    return { values };
  },
};
