import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { searchDocument } from '../platform/search/text-search.js';
import { buildCorpus, cleanAnswer, fillSlots, loadDatasetTexts, parseCsv, rng, TOPICS } from './support-texts.js';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and newlines', () => {
    expect(parseCsv('a,b\n"x, y","say ""hi""\nthere"\r\nlast,\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
      ['last', ''],
    ]);
  });

  it('keeps a final row without a newline and reads an empty text as no rows', () => {
    expect(parseCsv('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('')).toEqual([]);
  });
});

describe('templates', () => {
  it('fills every slot and leaves no braces behind, in both languages', () => {
    const rand = rng(1);
    for (const topic of TOPICS) {
      for (const lang of ['en', 'zh'] as const) {
        const t = topic[lang];
        for (const text of [...t.subjects, ...t.openings, ...t.replies, ...t.followUps, ...t.notes]) {
          expect(fillSlots(text, lang, rand)).not.toMatch(/[{}]/);
        }
        expect(t.subjects.length && t.openings.length && t.replies.length && t.followUps.length && t.notes.length).toBeGreaterThan(0);
      }
    }
  });

  it('writes Chinese topics in Chinese', () => {
    for (const topic of TOPICS) expect(topic.zh.openings.every((s) => /\p{Script=Han}/u.test(s))).toBe(true);
  });

  it('is deterministic for a seed', () => {
    expect(buildCorpus(rng(5), null, 50)).toEqual(buildCorpus(rng(5), null, 50));
  });
});

describe('buildCorpus', () => {
  it('has distinct texts for every role in both languages without datasets', () => {
    const corpus = buildCorpus(rng(42), null, 200);
    for (const role of ['subject', 'customer', 'agent', 'note'] as const) {
      for (const lang of ['en', 'zh'] as const) {
        const texts = corpus[role][lang];
        expect(texts.length, `${role}/${lang}`).toBeGreaterThan(20);
        expect(new Set(texts).size).toBe(texts.length);
      }
    }
  });

  it('adds dataset questions as English subjects (short ones only) and messages, answers as agent replies', () => {
    const long = `Why ${'very '.repeat(30)}long?`;
    const corpus = buildCorpus(rng(42), { questions: ['Where is my card?', long], answers: ['We sent it.'] }, 10);
    expect(corpus.subject.en).toContain('Where is my card?');
    expect(corpus.subject.en).not.toContain(long);
    expect(corpus.customer.en).toContain(long);
    expect(corpus.agent.en).toContain('We sent it.');
    expect(corpus.agent.zh.some((t) => t === 'We sent it.')).toBe(false);
  });
});

describe('search documents of joined texts', () => {
  // The bench seed joins two pool texts with a blank line and their documents with a space.
  it('equal the document of the joined text, in English, Chinese and mixed', () => {
    const corpus = buildCorpus(rng(3), null, 60);
    const texts = [...corpus.customer.en, ...corpus.customer.zh, 'Order A-1234 from ann@example.com', 'Why?', '退款'];
    for (let i = 0; i + 1 < texts.length; i += 7) {
      const a = texts[i] as string;
      const b = texts[(i * 13 + 5) % texts.length] as string;
      const joined = searchDocument(`${a}\n\n${b}`).split(' ').filter(Boolean);
      const parts = `${searchDocument(a)} ${searchDocument(b)}`.split(' ').filter(Boolean);
      expect(parts).toEqual(joined);
    }
  });
});

describe('datasets', () => {
  it('reads banking77 questions and Bitext questions and answers, placeholders filled', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-datasets-'));
    try {
      fs.mkdirSync(path.join(dir, 'banking77'));
      fs.mkdirSync(path.join(dir, 'bitext_customer_support'));
      fs.writeFileSync(path.join(dir, 'banking77', 'train.csv'), 'text,category\nWhere is my card?,card_arrival\n"Fees, again?",fees\n');
      fs.writeFileSync(
        path.join(dir, 'bitext_customer_support', 'train.csv'),
        'instruction,intent,response\ncancel order 12,cancel_order,"Sure.\n\nCall {{Customer Support Phone Number}} now."\n',
      );
      const texts = loadDatasetTexts(dir);
      expect(texts?.questions).toEqual(['Where is my card?', 'Fees, again?', 'cancel order 12']);
      expect(texts?.answers).toEqual(['Sure.\n\nCall our customer support phone number now.']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('returns null when the folder has neither dataset', () => {
    expect(loadDatasetTexts(path.join(os.tmpdir(), 'no-such-datasets-dir'))).toBeNull();
  });

  it('cuts a long answer at a paragraph boundary', () => {
    const answer = ['First paragraph.', 'x'.repeat(600), 'y'.repeat(600)].join('\n\n');
    expect(cleanAnswer(answer, 700)).toBe(`First paragraph.\n\n${'x'.repeat(600)}`);
  });
});
