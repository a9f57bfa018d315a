import { ENGLISH_STOPWORDS, normalizeText, porterStem, segmentChinese } from '@switchboard/assistant-engine';
import { escapeHtml } from '../html.js';

/**
 * Full-text search over PostgreSQL's `simple` config. PostgreSQL (and PGlite) has no Chinese
 * dictionary, so the language work happens here: documents and queries go through the same
 * analyzer and PostgreSQL only stores and matches the resulting lexemes.
 *
 * Every lexeme is a run of letters/digits (or a Han word, or a whole e-mail address), so
 * PostgreSQL's parser keeps it as one token; when it does split one (e.g. `a+b@x.com`), it splits
 * the document and the query the same way and the query becomes a phrase that still matches.
 */

/** Longest text indexed: the tail of a huge message adds little recall and bloats the tsvector. */
export const MAX_DOCUMENT_CHARS = 200_000;
/** Most lexemes in one tsquery; longer queries are cut, not rejected. */
export const MAX_QUERY_TERMS = 32;
const MAX_QUERY_CHARS = 2_000;
/** Longer "words" are hashes or base64; PostgreSQL also refuses lexemes over 2 KB. */
const MAX_LEXEME_CHARS = 100;

// A letter, mark or digit that is not Han (Han runs are segmented separately).
const W = String.raw`(?:(?!\p{Script=Han})[\p{L}\p{M}\p{N}])`;
// Local part bounded so a long run without '@' cannot make the scan quadratic.
const EMAIL = new RegExp(String.raw`(?:${W}|[._%+-]){1,64}@(?:${W}|-)+(?:\.(?:${W}|-)+)+`, 'gu');
const RUN = new RegExp(String.raw`(\p{Script=Han}+)|(${W}+(?:[-_./'#:+]${W}+)*)`, 'gu');
const SEPARATORS = /[-_./'#:+]+/;
const CLITIC = /'(?:s|t|ll|re|ve|d|m)(?=$|[-_./'#:+])/g;
const ID_PIECE = /\p{L}[\p{L}\p{M}]*|\p{N}+/gu;
const DIGIT = /\p{N}/u;

interface Segment {
  kind: 'email' | 'han' | 'word';
  text: string;
}

interface Lexeme {
  lex: string;
  /** the unstemmed piece, for prefix matching while the user is still typing */
  raw: string;
}

/** NFKC + lowercase, then strip accents from Latin letters only: other scripts' marks are vowels. */
function prepare(text: string): string {
  return normalizeText(text)
    .normalize('NFD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC');
}

function* runSegments(text: string): Generator<Segment> {
  for (const m of text.matchAll(RUN)) {
    if (m[1] !== undefined) yield { kind: 'han', text: m[1] };
    else if (m[2] !== undefined) yield { kind: 'word', text: m[2] };
  }
}

/** Emails first (they contain separators that would otherwise split them), then runs in the gaps. */
function* segments(text: string): Generator<Segment> {
  let pos = 0;
  if (text.includes('@')) {
    for (const m of text.matchAll(EMAIL)) {
      yield* runSegments(text.slice(pos, m.index));
      yield { kind: 'email', text: m[0] };
      pos = m.index + m[0].length;
    }
  }
  yield* runSegments(text.slice(pos));
}

/**
 * Lexemes of one letter/digit run. Runs holding a digit are ids ("A-1234", "INV2024", dates):
 * they split at separators and letter/digit edges and keep every piece, stop word or not, so
 * "A-1234", "a1234" and "1234" all find the order. Other runs drop English stop words and stem.
 */
function runLexemes(run: string): Lexeme[] {
  const parts = run.replace(CLITIC, '').split(SEPARATORS);
  const isId = DIGIT.test(run);
  const pieces = isId ? parts.flatMap((p) => p.match(ID_PIECE) ?? []) : parts;
  const out: Lexeme[] = [];
  for (const raw of pieces) {
    if (raw === '' || raw.length > MAX_LEXEME_CHARS || (!isId && ENGLISH_STOPWORDS.has(raw))) continue;
    out.push({ lex: porterStem(raw), raw });
  }
  return out;
}

function bigrams(chars: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
  return out;
}

/** jieba words, plus every bigram so a query matches inside words jieba keeps whole or splits differently. */
function hanDocumentLexemes(run: string): string[] {
  const words = segmentChinese(run);
  const chars = Array.from(run);
  if (chars.length < 2 || (chars.length === 2 && words.length === 1)) return words;
  return [...words, ...bigrams(chars)];
}

function emailDocumentLexemes(email: string): string[] {
  const at = email.lastIndexOf('@');
  const whole = [email, email.slice(0, at), email.slice(at + 1)].filter((t) => t.length <= MAX_LEXEME_CHARS);
  const parts = [...runSegments(`${email.slice(0, at)} ${email.slice(at + 1)}`)].flatMap((s) => runLexemes(s.text).map((l) => l.lex));
  return [...whole, ...parts];
}

/**
 * PostgreSQL refuses a tsvector over 1 MB (unique lexemes plus 2 bytes per position, at most 256
 * positions each); pathological text (e.g. 200k distinct Han characters) gets there, so stop early.
 */
const MAX_TSVECTOR_BYTES = 900_000;

function tsvectorBudget(): (lexeme: string) => boolean {
  const positions = new Map<string, number>();
  let bytes = 0;
  return (lexeme) => {
    const seen = positions.get(lexeme);
    const cost = seen === undefined ? Buffer.byteLength(lexeme) + 5 : seen < 256 ? 2 : 0;
    if (bytes + cost > MAX_TSVECTOR_BYTES) return false;
    bytes += cost;
    positions.set(lexeme, (seen ?? 0) + 1);
    return true;
  };
}

/** The lexemes to index for a text, in order. */
export function searchTerms(text: string): string[] {
  const out: string[] = [];
  const fits = tsvectorBudget();
  for (const seg of segments(prepare(text.slice(0, MAX_DOCUMENT_CHARS)))) {
    const lexemes =
      seg.kind === 'word'
        ? runLexemes(seg.text).map((l) => l.lex)
        : seg.kind === 'han'
          ? hanDocumentLexemes(seg.text)
          : emailDocumentLexemes(seg.text);
    // a loop, not push(...): a long Han run yields more lexemes than the call stack takes arguments
    for (const lex of lexemes) {
      if (!fits(lex)) return out;
      out.push(lex);
    }
  }
  return out;
}

/** The text to pass to `to_tsvector('simple', $1)`. */
export function searchDocument(text: string): string {
  return searchTerms(text).join(' ');
}

// ---------------------------------------------------------------------------------------------
// Queries

export interface SearchQuery {
  /** for `to_tsquery('simple', $1)`; never makes it throw */
  tsquery: string;
  /** the user's words (lowercased, stop words and exclusions dropped) for trigram fallback and highlighting */
  terms: string[];
}

interface QueryLexeme extends Lexeme {
  /** a lone Han character matches any word starting with it */
  alwaysPrefix?: boolean;
}

/** Lexemes that must stand next to each other (the pieces of one id, the bigrams of one Han run). */
interface Unit {
  han: boolean;
  lexemes: QueryLexeme[];
}

interface Clause {
  negated: boolean;
  phrase: boolean;
  units: Unit[];
  words: string[];
}

const CLAUSE = /(-?)"([^"]*)("?)|(-?)([^\s"]+)/g;
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

function queryUnits(text: string): Unit[] {
  const units: Unit[] = [];
  for (const seg of segments(prepare(text))) {
    if (seg.kind === 'email') {
      if (seg.text.length <= MAX_LEXEME_CHARS) units.push({ han: false, lexemes: [{ lex: seg.text, raw: seg.text }] });
    } else if (seg.kind === 'han') {
      const chars = Array.from(seg.text);
      const lexemes =
        chars.length === 1 ? [{ lex: seg.text, raw: seg.text, alwaysPrefix: true }] : bigrams(chars).map((b) => ({ lex: b, raw: b }));
      units.push({ han: true, lexemes });
    } else {
      const lexemes = runLexemes(seg.text);
      if (lexemes.length > 0) units.push({ han: false, lexemes });
    }
  }
  return units;
}

/** Keeps at most `budget` lexemes, cutting the last unit short if need be. */
function takeLexemes(units: Unit[], budget: number): Unit[] {
  const out: Unit[] = [];
  let left = budget;
  for (const unit of units) {
    if (left <= 0) break;
    out.push({ han: unit.han, lexemes: unit.lexemes.slice(0, left) });
    left -= unit.lexemes.length;
  }
  return out;
}

function parseClauses(text: string): { clauses: Clause[]; lastOpen: boolean } {
  const clauses: Clause[] = [];
  let lastOpen = false;
  let budget = MAX_QUERY_TERMS;
  const seen = new Set<string>();
  for (const m of text.matchAll(CLAUSE)) {
    const phrase = m[2] !== undefined;
    const body = (phrase ? m[2] : m[5]) ?? '';
    const units = takeLexemes(queryUnits(body), budget);
    lastOpen = phrase ? m[3] === '' : true;
    const negated = (phrase ? m[1] : m[4]) === '-';
    const key = `${negated}${phrase}${JSON.stringify(units)}`;
    if (units.length === 0 || seen.has(key)) continue;
    seen.add(key);
    budget -= units.reduce((n, u) => n + u.lexemes.length, 0);
    const words = body
      .split(' ')
      .map((w) => w.replace(EDGE_PUNCTUATION, ''))
      .filter((w) => queryUnits(w).length > 0);
    clauses.push({ negated, phrase, units, words });
    if (budget <= 0) {
      // cut short: the word that ends the kept part was not the one being typed
      lastOpen = false;
      break;
    }
  }
  return { clauses, lastOpen };
}

function quote(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * A word still being typed. Stems can be shorter than what was typed ("happin" is headed for
 * "happiness", indexed as "happi"), so besides the prefix also accept a few shorter exact stems.
 */
function renderTyping(l: QueryLexeme): string {
  const options = [`${quote(l.lex)}:*`];
  if (!l.raw.startsWith(l.lex)) options.push(`${quote(l.raw)}:*`);
  if (/^[a-z]+$/.test(l.raw)) {
    for (let n = Math.min(l.raw.length, l.lex.length) - 1; n >= Math.max(4, l.raw.length - 3); n--) options.push(quote(l.raw.slice(0, n)));
  }
  return options.length === 1 ? (options[0] as string) : `(${options.join(' | ')})`;
}

function renderUnit(unit: Unit, typingLast: boolean): string {
  const parts = unit.lexemes.map((l, i) => {
    if (typingLast && i === unit.lexemes.length - 1) return renderTyping(l);
    return l.alwaysPrefix ? `${quote(l.lex)}:*` : quote(l.lex);
  });
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' <-> ')})`;
}

function renderClause(clause: Clause, typingLast: boolean): string {
  let out = renderUnit(clause.units[0] as Unit, typingLast && clause.units.length === 1);
  for (let i = 1; i < clause.units.length; i++) {
    const prev = clause.units[i - 1] as Unit;
    const unit = clause.units[i] as Unit;
    // Han runs are indexed as words and bigrams at separate positions, so adjacency across them is unknowable.
    const op = clause.phrase && !prev.han && !unit.han ? ' <-> ' : ' & ';
    out += op + renderUnit(unit, typingLast && i === clause.units.length - 1);
  }
  const grouped = clause.units.length > 1 ? `(${out})` : out;
  return clause.negated ? `!${grouped}` : grouped;
}

/**
 * Builds a tsquery from a search box: words are ANDed, `"a phrase"` must match in order,
 * `-word` excludes, and the last word matches as a prefix unless the input ends with a space.
 * Returns null when nothing is left to search for (empty, only punctuation, only stop words, only exclusions).
 */
export function searchQuery(q: string): SearchQuery | null {
  const input = q.slice(0, MAX_QUERY_CHARS);
  const { clauses, lastOpen } = parseClauses(normalizeText(input));
  const positive = clauses.filter((c) => !c.negated);
  if (positive.length === 0) return null;
  const typing = lastOpen && !/\s$/u.test(input);
  const tsquery = clauses.map((c, i) => renderClause(c, typing && !c.negated && i === clauses.length - 1)).join(' & ');
  const terms = [...new Set(positive.flatMap((c) => c.words))].slice(0, MAX_QUERY_TERMS);
  return { tsquery, terms };
}

// ---------------------------------------------------------------------------------------------
// Highlighting

export interface HighlightOptions {
  /** characters of the text shown (default 200), not counting marks, escaping or ellipses */
  maxLength?: number;
  pre?: string;
  post?: string;
  /** added where the snippet cuts the text (default '…') */
  ellipsis?: string;
}

interface Range {
  start: number;
  end: number;
}

interface Matcher {
  /** lexemes a whole word must analyze to (stem equality for English) */
  words: Set<string>;
  /** Han text, ids and e-mails are matched as literal substrings */
  literal: RegExp | null;
}

const WORD_ATOM = new RegExp(`${W}+`, 'gu');

function buildMatcher(terms: string[]): Matcher {
  const words = new Set<string>();
  const literals = new Set<string>();
  for (const term of terms.slice(0, MAX_QUERY_TERMS)) {
    for (const seg of segments(prepare(term.slice(0, MAX_QUERY_CHARS)))) {
      const lexemes = seg.kind === 'word' ? runLexemes(seg.text) : [];
      if (lexemes.length === 1) words.add((lexemes[0] as Lexeme).lex);
      else if (seg.kind !== 'word' || lexemes.length > 1) literals.add(seg.text);
    }
  }
  const sorted = [...literals].sort((a, b) => b.length - a.length).map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return { words, literal: sorted.length > 0 ? new RegExp(sorted.join('|'), 'giu') : null };
}

/** Matches starting in [from, to), sorted and merged; stops after `limit` raw matches of each kind. */
function findMatches(text: string, matcher: Matcher, from: number, to: number, limit: number): Range[] {
  const found: Range[] = [];
  const scan = (re: RegExp, accept: (m: RegExpExecArray) => boolean) => {
    re.lastIndex = from;
    let count = 0;
    for (let m = re.exec(text); m !== null && m.index < to && count < limit; m = re.exec(text)) {
      if (accept(m)) {
        found.push({ start: m.index, end: m.index + m[0].length });
        count++;
      }
    }
  };
  if (matcher.words.size > 0) {
    scan(new RegExp(WORD_ATOM.source, 'gu'), (m) => runLexemes(prepare(m[0])).some((l) => matcher.words.has(l.lex)));
  }
  if (matcher.literal !== null) scan(matcher.literal, () => true);
  found.sort((a, b) => a.start - b.start);
  const merged: Range[] = [];
  for (const r of found) {
    const last = merged[merged.length - 1];
    if (last !== undefined && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** A window of `max` characters opening a little before the first match, at a word boundary when one is near. */
function snippetWindow(text: string, first: number | undefined, max: number): Range {
  if (text.length <= max) return { start: 0, end: text.length };
  let start = first === undefined ? 0 : Math.min(Math.max(0, first - Math.floor(max / 4)), text.length - max);
  if (start > 0 && first !== undefined) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < first && space - start < 20) start = space + 1;
  }
  let end = Math.min(text.length, start + max);
  if (isLowSurrogate(text.charCodeAt(start))) start++;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end--;
  return { start, end };
}

/**
 * An HTML-safe snippet of `text` around the first match of any term, matches wrapped in
 * `pre`/`post` (`<mark>` by default). English words match by stem, Han text by substring.
 * With no match, the start of the text.
 */
export function highlight(text: string, terms: string[], options: HighlightOptions = {}): string {
  const max = Math.max(1, options.maxLength ?? 200);
  const { pre = '<mark>', post = '</mark>', ellipsis = '…' } = options;
  const flat = text.slice(0, MAX_DOCUMENT_CHARS).replace(/\s+/g, ' ').trim();
  const matcher = buildMatcher(terms);
  const first = findMatches(flat, matcher, 0, flat.length, 1)[0];
  const window = snippetWindow(flat, first?.start, max);
  let out = window.start > 0 ? ellipsis : '';
  let pos = window.start;
  for (const r of first === undefined ? [] : findMatches(flat, matcher, first.start, window.end, Number.POSITIVE_INFINITY)) {
    const start = Math.max(r.start, pos);
    const end = Math.min(r.end, window.end);
    if (end <= start) continue;
    out += `${escapeHtml(flat.slice(pos, start))}${pre}${escapeHtml(flat.slice(start, end))}${post}`;
    pos = end;
  }
  out += escapeHtml(flat.slice(pos, window.end));
  return window.end < flat.length ? out + ellipsis : out;
}
