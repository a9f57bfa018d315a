/** One quotable piece of an article: a paragraph, with the heading it sits under. */
export interface Passage {
  heading: string | null;
  text: string;
}

const MAX_HEADING = 90;

/** A short block without closing punctuation (or a question) followed by more text reads as a heading. */
function looksLikeHeading(block: string): boolean {
  if (block.length > MAX_HEADING || block.includes('\n')) return false;
  return /[?？]$/u.test(block) || !/[.!。！:：;；,，]$/u.test(block);
}

/**
 * Splits an article's published plain text (blocks separated by blank lines, as the KB's
 * HTML-to-text conversion writes them) into passages. Headings are not passages of their own:
 * they label the paragraphs under them, so "How long does a refund take?" finds its answer.
 * Passages are verbatim substrings of the article: the assistant quotes them as they are.
 */
export function splitPassages(text: string): Passage[] {
  const blocks = text
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter((b) => b !== '');
  const out: Passage[] = [];
  let heading: string | null = null;
  blocks.forEach((block, i) => {
    const next = blocks[i + 1];
    if (next !== undefined && looksLikeHeading(block)) {
      heading = block;
      return;
    }
    out.push({ heading, text: block });
  });
  return out;
}
