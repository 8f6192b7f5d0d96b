// Component entry: the router over the Rust SIMD kernels linked as a component dependency.
import { wasmKernels } from '@edgewatch/kernels/guest';
import { createInferenceApp } from './app.ts';

const router = createInferenceApp({ kernels: wasmKernels });

addEventListener('fetch', (event: FetchEvent) => event.respondWith(router.fetch(event.request)));
