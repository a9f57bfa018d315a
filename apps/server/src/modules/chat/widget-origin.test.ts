import { describe, expect, it } from 'vitest';
import { embedOriginOf, originAllowed } from './widget-origin.js';

describe('widget allowed origins', () => {
  it('allows anything when the list is empty', () => {
    expect(originAllowed([], null)).toBe(true);
    expect(originAllowed([], 'https://evil.example')).toBe(true);
  });

  it('matches exact origins, ports and schemes', () => {
    const list = ['https://shop.example.com', 'http://localhost:5173'];
    expect(originAllowed(list, 'https://shop.example.com')).toBe(true);
    expect(originAllowed(list, 'http://shop.example.com')).toBe(false);
    expect(originAllowed(list, 'http://localhost:5173')).toBe(true);
    expect(originAllowed(list, 'http://localhost:5174')).toBe(false);
    expect(originAllowed(list, null)).toBe(false);
    expect(originAllowed(list, 'not a url')).toBe(false);
  });

  it('matches subdomains with *. but not the apex or look-alikes', () => {
    const list = ['https://*.example.com'];
    expect(originAllowed(list, 'https://a.example.com')).toBe(true);
    expect(originAllowed(list, 'https://a.b.example.com')).toBe(true);
    expect(originAllowed(list, 'https://example.com')).toBe(false);
    expect(originAllowed(list, 'https://badexample.com')).toBe(false);
  });

  it('prefers the frame header and ignores our own Origin', () => {
    expect(embedOriginOf({ 'x-switchboard-embed-origin': 'https://a.test', origin: 'https://sb.test' }, 'https://sb.test')).toBe(
      'https://a.test',
    );
    expect(embedOriginOf({ origin: 'https://sb.test' }, 'https://sb.test')).toBeNull();
    expect(embedOriginOf({ origin: 'https://a.test' }, 'https://sb.test')).toBe('https://a.test');
  });
});
