import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // the first jieba call loads its dictionary and several tests train small models: on a shared
    // 2-core machine (load 20) single tests took 5-6 s, so the 5 s default failed spuriously
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
