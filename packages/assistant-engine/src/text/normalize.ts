/**
 * Text normalization shared by every analyzer: NFKC folds full-width ASCII and
 * compatibility forms (e.g. "ＡＢＣ１２３" -> "ABC123", "　" -> " "), then lowercase.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

const HAN = /\p{Script=Han}/u;

export function isHan(ch: string): boolean {
  return HAN.test(ch);
}

/** Strip combining accents ("café" -> "cafe"); used for matching lexicons, not for features. */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '');
}
