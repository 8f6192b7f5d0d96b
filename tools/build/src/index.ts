// Build helpers for TypeScript Spin components.
export { bundleComponent } from './bundle.ts';
export { componentizeBundle } from './componentize.ts';
