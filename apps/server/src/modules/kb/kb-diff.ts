import type { KbDiff, KbDiffPart } from '@switchboard/contracts';
import { diffArrays, diffLines } from 'diff';

/**
 * Differences between two versions, as parts the UI renders without parsing anything: the title
 * word by word, the body line by line with word-level detail inside changed blocks. Words come
 * from Intl.Segmenter, which splits Chinese into words too (a space-based diff would treat a
 * whole Chinese sentence as one word).
 */

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

export function tokens(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

const kindOf = (c: { added?: boolean; removed?: boolean }): KbDiffPart['kind'] => (c.added ? 'added' : c.removed ? 'removed' : 'equal');

/** Word-level parts; neighbours of the same kind are merged. */
export function wordDiff(from: string, to: string): KbDiffPart[] {
  const parts: KbDiffPart[] = [];
  for (const change of diffArrays(tokens(from), tokens(to))) {
    const text = change.value.join('');
    const kind = kindOf(change);
    const last = parts.at(-1);
    if (last?.kind === kind) last.text += text;
    else if (text) parts.push({ kind, text });
  }
  return parts;
}

type LinePart = KbDiffPart & { words?: KbDiffPart[] };

function lineDiff(from: string, to: string): LinePart[] {
  const parts: LinePart[] = diffLines(from, to).map((c) => ({ kind: kindOf(c), text: c.value }));
  // A removed block followed by an added one is an edit: show which words changed in it.
  for (let i = 1; i < parts.length; i++) {
    const prev = parts[i - 1] as LinePart;
    const cur = parts[i] as LinePart;
    if (prev.kind === 'removed' && cur.kind === 'added') cur.words = wordDiff(prev.text, cur.text);
  }
  return parts;
}

const countWords = (parts: KbDiffPart[], kind: 'added' | 'removed') =>
  parts.filter((p) => p.kind === kind).reduce((n, p) => n + tokens(p.text).filter((t) => /[\p{L}\p{N}]/u.test(t)).length, 0);

export function diffVersions(
  from: { version: number; title: string; bodyText: string },
  to: { version: number; title: string; bodyText: string },
): KbDiff {
  const all = wordDiff(`${from.title}\n${from.bodyText}`, `${to.title}\n${to.bodyText}`);
  return {
    from: from.version,
    to: to.version,
    title: wordDiff(from.title, to.title),
    body: lineDiff(from.bodyText, to.bodyText),
    stats: { addedWords: countWords(all, 'added'), removedWords: countWords(all, 'removed') },
  };
}
