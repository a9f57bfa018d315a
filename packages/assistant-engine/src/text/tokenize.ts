import { segmentChinese } from './jieba.js';
import { normalizeText } from './normalize.js';
import { porterStem } from './stemmer.js';

export interface Token {
  /** surface form after normalization */
  text: string;
  /** analyzed term: stemmed for latin words, unchanged otherwise */
  term: string;
  kind: 'word' | 'han' | 'number';
}

// A run is a maximal span of one kind: Han ideographs, or letters/digits (with inner ' . -).
const RUN = /(\p{Script=Han}+)|([\p{L}\p{M}\p{N}]+(?:['.-][\p{L}\p{M}\p{N}]+)*)/gu;
const LATIN_WORD = /^[a-z]+$/;
const NUMBER = /^[\p{N}.-]+$/u;

export interface TokenizeOptions {
  /** apply the English stemmer to latin words (default true) */
  stem?: boolean;
}

/** Normalize then split into tokens; Chinese runs are segmented with jieba. */
export function tokenize(text: string, options: TokenizeOptions = {}): Token[] {
  return tokenizeNormalized(normalizeText(text), options);
}

export function tokenizeNormalized(norm: string, options: TokenizeOptions = {}): Token[] {
  const stem = options.stem ?? true;
  const out: Token[] = [];
  for (const m of norm.matchAll(RUN)) {
    if (m[1] !== undefined) {
      for (const w of segmentChinese(m[1])) out.push({ text: w, term: w, kind: 'han' });
      continue;
    }
    const raw = m[2] ?? '';
    if (NUMBER.test(raw)) {
      out.push({ text: raw, term: raw, kind: 'number' });
      continue;
    }
    // split contractions into stem + clitic so "don't" shares "do" with "do not"
    for (const part of raw.split(/['.]/)) {
      if (part === '') continue;
      if (part === 't' || part === 's' || part === 'll' || part === 're' || part === 've' || part === 'd' || part === 'm') {
        out.push({ text: `'${part}`, term: `'${part}`, kind: 'word' });
        continue;
      }
      const term = stem && LATIN_WORD.test(part) ? porterStem(part) : part;
      out.push({ text: part, term, kind: 'word' });
    }
  }
  return out;
}

/** Analyzed terms only: what BM25 and word features index. */
export function analyze(text: string, options: TokenizeOptions = {}): string[] {
  return tokenize(text, options).map((t) => t.term);
}

/**
 * Character n-grams inside word boundaries (like scikit-learn's char_wb): each latin word is
 * padded with spaces; Han runs are treated as one unsegmented word so segmentation errors
 * do not hide shared characters.
 */
export function charNgrams(norm: string, minN: number, maxN: number, hanMaxN = 3): string[] {
  const out: string[] = [];
  for (const m of norm.matchAll(RUN)) {
    const isHanRun = m[1] !== undefined;
    const w = isHanRun ? (m[1] as string) : ` ${m[2] ?? ''} `;
    const lo = isHanRun ? 1 : minN;
    const hi = isHanRun ? hanMaxN : maxN;
    for (let n = lo; n <= hi; n++) {
      if (n > w.length) break;
      for (let i = 0; i + n <= w.length; i++) out.push(w.slice(i, i + n));
    }
  }
  return out;
}
