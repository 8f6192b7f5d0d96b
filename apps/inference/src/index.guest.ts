// Component entry: the router over Spin key-value and variables, with the Rust
// SIMD kernels and the Rust detectors linked as a component dependency.
import { wasmDetectorEngine, wasmKernels } from '@edgewatch/kernels/guest';
import { openSpinStore } from '@edgewatch/spin-key-value/guest';
import { spinVariables } from '@edgewatch/spin-variables/guest';
import { createInferenceApp } from './app.ts';

const router = createInferenceApp({ kernels: wasmKernels, engine: wasmDetectorEngine, openStore: () => openSpinStore('default'), variables: spinVariables });

addEventListener('fetch', (event: FetchEvent) => event.respondWith(router.fetch(event.request)));
