// Schema validation of rendered Kubernetes objects: SpinApp against the JSON
// schema in tools/deploy/schemas (written from spin-operator's documented CRD
// spec), every built-in kind through kubernetes-models' OpenAPI validators.
import { readFileSync } from 'node:fs';
import AjvModule from 'ajv';
import type { KubeObject } from './kustomize.ts';

const SPINAPP_SCHEMA = JSON.parse(readFileSync(new URL('../../schemas/spinapp.schema.json', import.meta.url), 'utf8')) as object;

// ajv is CommonJS: its class is the default export's `default` under Node's ESM interop.
const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule) as unknown as new (options: object) => {
  compile(schema: object): ((data: unknown) => boolean) & { errors?: { keyword: string; schemaPath: string; instancePath: string; message?: string; params: Record<string, unknown> }[] | null };
};
const validateSpinApp = new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(SPINAPP_SCHEMA);

// The schema's `not` rules, explained (ajv can only say "must NOT be valid").
const NOT_MESSAGES: [string, string][] = [
  ['/then/not', 'sets replicas together with enableAutoscaling: true, which the operator refuses; drop replicas'],
  ['/spinVar/not', 'sets both value and valueFrom; keep one'],
];

type ModelClass = new (data: unknown) => { validate(): void };

async function modelClass(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  // kubernetes-models lays its modules out by apiVersion: `kubernetes-models/apps/v1`, `kubernetes-models/v1`.
  if (!/^([a-z0-9.-]+\/)?v\d+(alpha\d+|beta\d+)?$/.test(apiVersion)) return undefined;
  try {
    const mod = (await import(`kubernetes-models/${apiVersion}`)) as Record<string, unknown>;
    return mod[kind] as ModelClass | undefined;
  } catch {
    return undefined;
  }
}

/** Problems with one object, each naming kind/name and the field; empty when valid. */
export async function validateObject(object: KubeObject): Promise<string[]> {
  const id = `${object.kind}/${object.metadata?.name ?? '?'}`;
  if (object.apiVersion === 'core.spinkube.dev/v1alpha1' && object.kind === 'SpinApp') {
    if (validateSpinApp(object)) return [];
    return (validateSpinApp.errors ?? []).filter((e) => e.keyword !== 'if').map((e) => {
      if (e.keyword === 'not') return `${id}: ${e.instancePath} ${NOT_MESSAGES.find(([suffix]) => e.schemaPath.endsWith(suffix))?.[1] ?? 'is not allowed'}`;
      const extra = e.params.additionalProperty ? ` "${String(e.params.additionalProperty)}"` : '';
      return `${id}: ${e.instancePath || '/'} ${e.message ?? 'is invalid'}${extra}`;
    });
  }
  const Model = await modelClass(object.apiVersion, object.kind);
  if (!Model) return [`${id}: no schema for ${object.apiVersion} ${object.kind}; add one to tools/deploy/src/kube/validate.ts`];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [`${id}: ${(error as Error).message.replace(/^data/, '').replace(/data\//g, '/')}`];
  }
}

/** Validate every object; problems of all of them, in order. */
export async function validateObjects(objects: KubeObject[]): Promise<string[]> {
  return (await Promise.all(objects.map(validateObject))).flat();
}
