/** A textarea's value as a list: one entry per non-empty line, trimmed. */
export function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** A list as a textarea's value, one entry per line. */
export function toLines(items: readonly string[]): string {
  return items.join('\n');
}
