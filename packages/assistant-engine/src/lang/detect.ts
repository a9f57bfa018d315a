import { foldAccents } from '../text/normalize.js';
import { LATIN_LANGUAGES } from './samples.js';

export interface LanguageGuess {
  /** ISO 639-1 code, or 'und' when there is nothing to go on */
  lang: string;
  confidence: number;
}

/** Scripts that identify a language (or a family we report as its main language) on their own. */
const SCRIPTS: readonly [RegExp, string][] = [
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'ja'],
  [/\p{Script=Hangul}/u, 'ko'],
  [/\p{Script=Han}/u, 'zh'],
  [/\p{Script=Arabic}/u, 'ar'],
  [/\p{Script=Cyrillic}/u, 'ru'],
  [/\p{Script=Greek}/u, 'el'],
  [/\p{Script=Hebrew}/u, 'he'],
  [/\p{Script=Thai}/u, 'th'],
  [/\p{Script=Devanagari}/u, 'hi'],
];
const LATIN = /\p{Script=Latin}/u;
const LETTER = /\p{L}/u;

function trigrams(text: string): Map<string, number> {
  const m = new Map<string, number>();
  const words = text
    .toLowerCase()
    .split(/[^\p{L}']+/u)
    .filter(Boolean);
  for (const w of words) {
    const padded = ` ${w} `;
    for (let i = 0; i + 3 <= padded.length; i++) {
      const g = padded.slice(i, i + 3);
      m.set(g, (m.get(g) ?? 0) + 1);
    }
  }
  return m;
}

function norm(m: Map<string, number>): number {
  let s = 0;
  for (const v of m.values()) s += v * v;
  return Math.sqrt(s) || 1;
}

interface Profile {
  lang: string;
  grams: Map<string, number>;
  norm: number;
  stopwords: Set<string>;
  marks: string;
}

let profiles: Profile[] | null = null;

function getProfiles(): Profile[] {
  profiles ??= Object.entries(LATIN_LANGUAGES).map(([lang, l]) => {
    const grams = trigrams(`${l.sample} ${l.stopwords}`);
    return { lang, grams, norm: norm(grams), stopwords: new Set(l.stopwords.split(/\s+/).filter(Boolean)), marks: l.marks };
  });
  return profiles;
}

function latinScores(text: string): { lang: string; score: number }[] {
  const lower = text.toLowerCase();
  const grams = trigrams(lower);
  const n = norm(grams);
  const words = lower.split(/[^\p{L}']+/u).filter(Boolean);
  return getProfiles().map((p) => {
    let dot = 0;
    for (const [g, c] of grams) dot += c * (p.grams.get(g) ?? 0);
    const cosine = dot / (n * p.norm);
    const stop = words.length ? words.filter((w) => p.stopwords.has(w)).length / words.length : 0;
    let marks = 0;
    for (const ch of p.marks) if (lower.includes(ch)) marks++;
    if (p.lang === 'en' && foldAccents(lower) !== lower) marks -= 1; // accents are rare in English
    return { lang: p.lang, score: cosine + 0.8 * stop + 0.15 * marks };
  });
}

/** Script ranges first; latin text is scored against trigram profiles and stopwords. */
export function detectLanguage(text: string): LanguageGuess {
  const counts = new Map<string, number>();
  let letters = 0;
  let latin = 0;
  for (const ch of text) {
    if (!LETTER.test(ch)) continue;
    letters++;
    if (LATIN.test(ch)) {
      latin++;
      continue;
    }
    for (const [re, lang] of SCRIPTS) {
      if (re.test(ch)) {
        counts.set(lang, (counts.get(lang) ?? 0) + 1);
        break;
      }
    }
  }
  if (letters === 0) return { lang: 'und', confidence: 0 };
  // any kana makes Han text Japanese; Han and kana together count for ja
  const kana = counts.get('ja') ?? 0;
  if (kana > 0) {
    counts.set('ja', kana + (counts.get('zh') ?? 0));
    counts.delete('zh');
  }
  const [topScript, topCount] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  if (topCount > latin) return { lang: topScript, confidence: Math.min(1, 0.5 + (0.5 * topCount) / letters) };
  const ranked = latinScores(text).sort((a, b) => b.score - a.score);
  const [best, second] = ranked;
  if (!best || best.score <= 0) return { lang: 'und', confidence: 0 };
  const margin = best.score - (second?.score ?? 0);
  const lengthFactor = Math.min(1, latin / 20);
  // a clear margin over the runner-up, on enough letters, is what makes a latin guess reliable
  const confidence = Math.min(0.99, (0.3 + 0.7 * (1 - Math.exp(-5 * margin))) * (0.4 + 0.6 * lengthFactor));
  return { lang: best.lang, confidence: Math.round(confidence * 100) / 100 };
}
