import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach, expect, vi } from 'vitest';

// Whole screens render lazily loaded chunks; give findBy* some slack on a busy machine.
configure({ asyncUtilTimeout: 3000 });

// happy-dom has no FontFaceSet; Mantine's autosizing Textarea listens to it for late web fonts.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', { value: { addEventListener() {}, removeEventListener() {} } });
}

// Any console.error (React warnings, failed renders) fails the test that caused it.
let consoleErrors: unknown[][] = [];

beforeEach(() => {
  consoleErrors = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    consoleErrors.push(args);
  });
});

afterEach(() => {
  cleanup();
  localStorage.clear();
  vi.unstubAllGlobals();
  expect(consoleErrors).toEqual([]);
});
