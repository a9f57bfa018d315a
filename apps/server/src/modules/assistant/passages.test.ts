import { describe, expect, it } from 'vitest';
import { splitPassages } from './passages.js';

describe('splitPassages', () => {
  it('turns headings into labels of the paragraphs under them', () => {
    const text =
      'Request a refund\n\nOpen Orders, choose the order and click Request refund.\n\nHow long does it take?\n\nRefunds reach your card within 5 to 7 business days.';
    expect(splitPassages(text)).toEqual([
      { heading: 'Request a refund', text: 'Open Orders, choose the order and click Request refund.' },
      { heading: 'How long does it take?', text: 'Refunds reach your card within 5 to 7 business days.' },
    ]);
  });

  it('keeps a last short block as a passage rather than dropping it', () => {
    expect(splitPassages('Intro paragraph.\n\nContact us')).toEqual([
      { heading: null, text: 'Intro paragraph.' },
      { heading: null, text: 'Contact us' },
    ]);
  });
});
