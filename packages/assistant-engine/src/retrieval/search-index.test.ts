import { describe, expect, it } from 'vitest';
import { buildIndex } from './search-index.js';

const docs = [
  { id: 'pw', question: 'How do I reset my password?', body: 'Open settings. Choose security. Click reset password and follow the email.' },
  { id: 'refund', question: 'How do refunds work?', body: 'Refunds reach your card within 5 business days after approval.' },
  { id: 'ship', question: 'When does my order ship?', body: 'Orders ship within 2 days. You get a tracking email when it leaves.' },
];

describe('SearchIndex', () => {
  const index = buildIndex(docs);

  it('ranks the matching FAQ first and quotes a passage from it', () => {
    const [top] = index.search('forgot my password');
    expect(top?.id).toBe('pw');
    expect(top?.passage).toContain('reset password');
  });

  it('quotes passages only for the first `passages` hits', () => {
    const hits = index.search('reset password refund order email', { k: 3, passages: 1 });
    expect(hits).toHaveLength(3);
    expect(hits[0]?.passage).toBeDefined();
    expect(hits.slice(1).every((h) => h.passage === undefined)).toBe(true);
  });
});
