// Public API of @edgewatch/deploy: package a Spin app as an OCI artifact,
// render and check the SpinKube manifests, generate and check the Fermyon Cloud
// profile, and judge which components run on any wasi:http host. The CLIs
// (package, push, check-cloud, cloud-profile, wasi-http) are thin shells over these.
export { readSpinToml, parseSpinToml, ManifestError } from './manifest/spin-toml.ts';
export type { SpinToml, SpinTomlDoc } from './manifest/spin-toml.ts';
export { lockApp, sha256Digest } from './oci/locked-app.ts';
export type { LockedApp, Blob } from './oci/locked-app.ts';
export { writeOciLayout, readLayoutBlob, MEDIA_TYPES, LOCKED_APP_DIGEST_LABEL } from './oci/layout.ts';
export { packageApp, creationTime } from './oci/package.ts';
export { kustomize, KustomizeError } from './kube/kustomize.ts';
export type { KubeObject } from './kube/kustomize.ts';
export { validateObject, validateObjects } from './kube/validate.ts';
export { crossCheck, checkRuntimeConfig, parseImage, RUNTIME_CONFIG_KEY } from './kube/crosscheck.ts';
export { cloudRefusals, CLOUD_KV_LIMITS } from './cloud/refusals.ts';
export type { Refusal } from './cloud/refusals.ts';
export { cloudProfileToml, cloudProfileDoc, INTERNAL_CALL_MODE, SELF_HOSTS } from './cloud/profile.ts';
export { judgeApp, judgeComponent, componentWorld } from './wasi-http/portability.ts';
export type { Portability } from './wasi-http/portability.ts';
