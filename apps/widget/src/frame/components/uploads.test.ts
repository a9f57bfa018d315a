import { describe, expect, it } from 'vitest';
import { typeAllowed } from './uploads.js';

describe('attachment types', () => {
  it('accepts exact types and image/* style wildcards, and anything when the channel lists none', () => {
    expect(typeAllowed('image/png', ['image/*', 'application/pdf'])).toBe(true);
    expect(typeAllowed('application/pdf', ['image/*', 'application/pdf'])).toBe(true);
    expect(typeAllowed('application/zip', ['image/*', 'application/pdf'])).toBe(false);
    expect(typeAllowed('imagex/png', ['image/*'])).toBe(false);
    expect(typeAllowed('text/plain', [])).toBe(true);
  });
});
