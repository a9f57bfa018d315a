import { defineConfig } from 'vite';

/** The one script a host page includes: a self-contained IIFE with no imports, written beside the frame build. */
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2018',
    sourcemap: true,
    lib: { entry: 'src/loader.ts', formats: ['iife'], name: 'SwitchboardLoader', fileName: () => 'loader.js' },
  },
});
