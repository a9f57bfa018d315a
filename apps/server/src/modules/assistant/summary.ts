import { analyzeForSearch } from '@switchboard/assistant-engine';

const GREETING =
  /^(hi|hello|hey|good (morning|afternoon|evening)|thanks?|thank you|ok(ay)?|yes|no|bye|你好|您好|嗨|谢谢|好的|是的?|不是|再见)\b[\s!,.?！，。？]*$/iu;

/** Sentences of one message: split after ., !, ? (ASCII and full-width) and at line breaks. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?。！？])\s*|\n+/u)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function isGreeting(text: string): boolean {
  return GREETING.test(text.trim());
}

/**
 * Extractive summary of what the visitor said: the `max` sentences with the most distinct
 * content words (search terms: stemmed, stopwords dropped; Chinese segmented), longer first on
 * ties, greetings and sentences under two content words left out. Returned in the order they
 * were said, verbatim, so the summary can never say anything the visitor did not. `skip` drops
 * sentences the caller knows carry no content (e.g. "I want a real person").
 */
export function extractiveSummary(
  visitorMessages: readonly string[],
  max = 2,
  skip: (sentence: string) => boolean = () => false,
): string[] {
  const scored: { sentence: string; order: number; terms: number }[] = [];
  let order = 0;
  for (const message of visitorMessages) {
    for (const sentence of sentencesOf(message)) {
      order++;
      if (isGreeting(sentence) || skip(sentence)) continue;
      const terms = new Set(analyzeForSearch(sentence)).size;
      if (terms < 2) continue;
      if (scored.some((s) => s.sentence === sentence)) continue;
      scored.push({ sentence, order, terms });
    }
  }
  return scored
    .sort((a, b) => b.terms - a.terms || b.sentence.length - a.sentence.length || a.order - b.order)
    .slice(0, max)
    .sort((a, b) => a.order - b.order)
    .map((s) => s.sentence);
}
