import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

/**
 * The framed chat UI (frame.html + src/frame). The server serves dist/ at /widget/, so assets use
 * that base. The host-page loader is a separate IIFE build (vite.loader.config.ts) so it can never
 * share a chunk with the frame and stays a classic, dependency-free script.
 */
export default defineConfig({
  base: '/widget/',
  plugins: [preact({ prefreshEnabled: false })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: true,
    rolldownOptions: { input: { frame: 'frame.html' } },
  },
  test: {
    environment: 'happy-dom',
    // The loader tests run as a page on a shop's origin, embedding our frame from another one.
    environmentOptions: { happyDOM: { url: 'https://shop.example.com/' } },
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
