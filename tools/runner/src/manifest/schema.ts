// The Spin manifest (version 2) as a strict schema: like Spin's serde types with
// `deny_unknown_fields`, any key not listed here is an error.
import { z } from 'zod';

const stringList = z.array(z.string());

const variableSchema = z.strictObject({
  default: z.string().optional(),
  required: z.boolean().optional(),
  secret: z.boolean().optional(),
});

const buildSchema = z.strictObject({
  command: z.union([z.string(), stringList]),
  workdir: z.string().optional(),
  watch: stringList.optional(),
  environment: z.record(z.string(), z.string()).optional(),
});

const sourceSchema = z.union([
  z.string(),
  z.strictObject({ url: z.string(), digest: z.string() }),
  z.strictObject({ registry: z.string().optional(), package: z.string(), version: z.string() }),
]);

const dependencySchema = z.union([
  z.string(),
  z.strictObject({ path: z.string(), export: z.string().optional() }),
  z.strictObject({ url: z.string(), digest: z.string(), export: z.string().optional() }),
  z.strictObject({ registry: z.string().optional(), package: z.string(), version: z.string(), export: z.string().optional() }),
]);

const filesSchema = z.array(z.union([z.string(), z.strictObject({ source: z.string(), destination: z.string() })]));

export const componentSchema = z.strictObject({
  description: z.string().optional(),
  source: sourceSchema,
  files: filesSchema.optional(),
  exclude_files: stringList.optional(),
  allowed_outbound_hosts: stringList.optional(),
  allowed_http_hosts: stringList.optional(),
  key_value_stores: stringList.optional(),
  sqlite_databases: stringList.optional(),
  ai_models: stringList.optional(),
  environment: z.record(z.string(), z.string()).optional(),
  variables: z.record(z.string(), z.string()).optional(),
  targets: stringList.optional(),
  build: buildSchema.optional(),
  tool: z.record(z.string(), z.unknown()).optional(),
  dependencies_inherit_configuration: z.boolean().optional(),
  dependencies: z.record(z.string(), dependencySchema).optional(),
});

const httpTriggerSchema = z.strictObject({
  id: z.string().optional(),
  route: z.union([z.string(), z.strictObject({ private: z.boolean() })]),
  component: z.union([z.string(), componentSchema]),
  executor: z.union([z.strictObject({ type: z.literal('spin') }), z.looseObject({ type: z.string() })]).optional(),
  static_response: z.unknown().optional(),
});

export const manifestSchema = z.strictObject({
  spin_manifest_version: z.literal(2, { error: 'spin_manifest_version must be 2 (Spin 2+ manifests); migrate with `spin doctor`' }),
  application: z.strictObject({
    name: z.string().min(1),
    version: z.string().optional(),
    description: z.string().optional(),
    authors: stringList.optional(),
    targets: stringList.optional(),
    trigger: z
      .strictObject({
        http: z.strictObject({ base: z.string().optional() }).optional(),
        redis: z.record(z.string(), z.unknown()).optional(),
      })
      .optional(),
    tool: z.record(z.string(), z.unknown()).optional(),
  }),
  variables: z.record(z.string(), variableSchema).optional(),
  trigger: z.record(z.string(), z.array(z.unknown())).optional(),
  component: z.record(z.string(), componentSchema).optional(),
});

export const httpTriggersSchema = z.array(httpTriggerSchema);

export type ManifestDocument = z.infer<typeof manifestSchema>;
export type ComponentDocument = z.infer<typeof componentSchema>;
export type HttpTriggerDocument = z.infer<typeof httpTriggerSchema>;
