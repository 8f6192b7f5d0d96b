// Component entry: the router over Spin key-value and variables, with the Rust
// SIMD kernels linked as a component dependency.
import { wasmDetectorKernels, wasmKernels } from '@edgewatch/kernels/guest';
import { openSpinStore } from '@edgewatch/spin-key-value/guest';
import { spinVariables } from '@edgewatch/spin-variables/guest';
import { createInferenceApp } from './app.ts';

const router = createInferenceApp({ kernels: wasmKernels, detectorKernels: wasmDetectorKernels, openStore: () => openSpinStore('default'), variables: spinVariables });

addEventListener('fetch', (event: FetchEvent) => event.respondWith(router.fetch(event.request)));
