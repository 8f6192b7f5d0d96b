// Static files for a Spin component: path resolution with traversal refusal and
// SPA fallback rules, content types, ETags and Cache-Control. Guest-safe (Web
// Request/Response only), so the same code runs in wasm and in unit tests.
export { resolveStaticPath, normalizeRequestPath, isUnder } from './path.ts';
export type { StaticRoute, ResolveOptions } from './path.ts';
export { contentTypeFor } from './content-type.ts';
export { cacheControlFor, etagMatches, isHashedName, IMMUTABLE, REVALIDATE } from './caching.ts';
export { serveStatic } from './serve.ts';
export type { StaticAsset, AssetTable, ServeOptions } from './serve.ts';
