import { marked } from 'marked';
import TurndownService from 'turndown';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';

/**
 * The file format of KB import/export: YAML front matter between `---` lines, then the body as
 * Markdown or HTML. Pure functions; the service decides what the fields mean.
 */

const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-', emDelimiter: '*' });
// Markdown has no standard tables; kept as HTML they survive the round trip (Markdown allows HTML blocks).
turndown.keep(['table']);

export function htmlToMarkdown(html: string): string {
  return turndown.turndown(html).trim();
}

export function markdownToHtml(markdown: string): string {
  return marked.parse(markdown, { async: false, gfm: true });
}

export function writeFrontMatter(meta: Record<string, unknown>, body: string): string {
  return `---\n${stringifyYaml(meta, { lineWidth: 0 })}---\n\n${body.trim()}\n`;
}

export class FrontMatterError extends Error {}

const FRONT_MATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/;

/** `{ meta, body }` of a file; throws FrontMatterError when the header is missing or not YAML. */
export function readFrontMatter(text: string): { meta: Record<string, unknown>; body: string } {
  const m = FRONT_MATTER.exec(text);
  if (!m) throw new FrontMatterError('The file does not start with front matter between --- lines');
  let meta: unknown;
  try {
    meta = parseYaml(m[1] ?? '');
  } catch (err) {
    throw new FrontMatterError(`The front matter is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!meta || typeof meta !== 'object' || Array.isArray(meta))
    throw new FrontMatterError('The front matter must be a set of key: value lines');
  return { meta: meta as Record<string, unknown>, body: (m[2] ?? '').trim() };
}

export { parseYaml, stringifyYaml };
