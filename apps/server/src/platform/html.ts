import { Parser } from 'htmlparser2';
import sanitizeHtml from 'sanitize-html';
import { isUuid } from './ids.js';

/**
 * Message HTML: what agents and customers may send (sanitizeMessageHtml), how it reads as plain
 * text (notifications, search, channels without HTML), how plain text becomes HTML, and mentions.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

const LINK_HREF = /^(?:https?:\/\/|mailto:)/i;
const IMAGE_SRC = /^(?:https?:\/\/|cid:|data:image\/(?:png|jpeg|gif|webp);base64,[a-z0-9+/=\s]*$)/i;
const DIMENSION = /^\d{1,4}$/;

// Containers whose text is code, media fallback or document metadata, never message content.
const DROPPED_WITH_CONTENT = [
  'script',
  'style',
  'textarea',
  'option',
  'xmp',
  'noscript',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'template',
  'title',
  'noembed',
  'noframes',
];

type Attributes = Record<string, string>;

function keepIf(attribs: Attributes, name: string, valid: (value: string) => boolean): void {
  const value = attribs[name];
  if (value !== undefined && !valid(value.trim())) delete attribs[name];
}

function keepCellSpans(tagName: string, attribs: Attributes) {
  keepIf(attribs, 'colspan', (v) => DIMENSION.test(v));
  keepIf(attribs, 'rowspan', (v) => DIMENSION.test(v));
  return { tagName, attribs };
}

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    ...['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'a', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre'],
    ...['h1', 'h2', 'h3', 'h4', 'img', 'table', 'thead', 'tbody', 'tr', 'td', 'th', 'span', 'hr'],
  ],
  allowedAttributes: {
    a: ['href', 'rel', 'target'],
    img: ['src', 'alt', 'width', 'height'],
    span: ['data-mention'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https', 'cid', 'data'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: DROPPED_WITH_CONTENT,
  transformTags: {
    a: (tagName, attribs) => {
      // relative links mean nothing outside our app, and anything but web/mail schemes is a risk
      keepIf(attribs, 'href', (v) => LINK_HREF.test(v));
      return { tagName, attribs: { ...attribs, rel: 'noopener noreferrer nofollow', target: '_blank' } };
    },
    img: (tagName, attribs) => {
      keepIf(attribs, 'src', (v) => IMAGE_SRC.test(v));
      keepIf(attribs, 'width', (v) => DIMENSION.test(v));
      keepIf(attribs, 'height', (v) => DIMENSION.test(v));
      return { tagName, attribs };
    },
    span: (tagName, attribs) => {
      keepIf(attribs, 'data-mention', isUuid);
      if (attribs['data-mention'] !== undefined) attribs['data-mention'] = attribs['data-mention'].trim().toLowerCase();
      return { tagName, attribs };
    },
    td: keepCellSpans,
    th: keepCellSpans,
    // mail clients and rich editors put each line in a <div>; dropping it would run lines together
    div: 'p',
    h5: 'h4',
    h6: 'h4',
  },
  // an image without a usable source is only a broken-image icon
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

/** The subset of HTML a message may carry: formatting, safe links and images, tables, mentions. */
export function sanitizeMessageHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}

const MENTION_ATTRIBUTE = 'data-mention';

/** User ids mentioned with `<span data-mention="uuid">`, unique, in document order. */
export function extractMentions(html: string): string[] {
  const ids = new Set<string>();
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const id = attribs[MENTION_ATTRIBUTE]?.trim().toLowerCase();
        if (name === 'span' && id !== undefined && isUuid(id)) ids.add(id);
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return [...ids];
}

// ---------------------------------------------------------------------------------------------
// Plain text

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"]+/gi;

/** Trailing punctuation ends the sentence, not the URL ("see https://x.io/a." or "(https://x.io)"). */
function splitTrailingPunctuation(url: string): [string, string] {
  let end = url.length;
  while (end > 0) {
    const ch = url[end - 1] as string;
    if (ch === ')') {
      const body = url.slice(0, end);
      if (body.split('(').length >= body.split(')').length) break;
    } else if (!/[.,;:!?'\]]/.test(ch)) break;
    end--;
  }
  return [url.slice(0, end), url.slice(end)];
}

function linkifyLine(line: string): string {
  let out = '';
  let pos = 0;
  for (const m of line.matchAll(URL_IN_TEXT)) {
    const [url] = splitTrailingPunctuation(m[0]);
    if (!/^https?:\/\/[^/?#]/i.test(url)) continue;
    out += `${escapeHtml(line.slice(pos, m.index))}<a href="${escapeHtml(url)}" rel="noopener noreferrer nofollow" target="_blank">${escapeHtml(url)}</a>`;
    pos = m.index + url.length;
  }
  return out + escapeHtml(line.slice(pos));
}

/** Plain text as message HTML: blank lines make paragraphs, single newlines `<br>`, URLs links. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*(?:\n[ \t]*)+/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '')
    .map((p) => `<p>${p.split('\n').map(linkifyLine).join('<br>')}</p>`)
    .join('');
}

// ---------------------------------------------------------------------------------------------
// HTML to plain text

const SKIPPED = new Set([...DROPPED_WITH_CONTENT, 'head', 'select']);
/** Blocks set off by a blank line; other blocks only start a new line. */
const PARAGRAPHS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'table', 'ul', 'ol', 'hr', 'figure']);
const LINES = new Set([
  ...['address', 'article', 'aside', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset', 'figcaption'],
  ...['footer', 'form', 'header', 'li', 'main', 'nav', 'section', 'summary', 'tr', 'caption'],
]);

/** Writes text with collapsed whitespace; line breaks are owed and paid before the next text. */
class TextWriter {
  out = '';
  private owed = 0;
  private afterMarker = false;
  private writtenDepth = 0;
  quoteDepth = 0;

  /** at least `n` newlines before the next text (a paragraph is 2) */
  block(n: number): void {
    if (!this.afterMarker) this.owed = Math.max(this.owed, n);
  }

  /** one more newline, on top of what is owed (`<br><br>` is a blank line) */
  lineBreak(): void {
    this.owed += 1;
    this.afterMarker = false;
  }

  write(text: string, preformatted = false): void {
    let chunk = preformatted ? text : text.replace(/\s+/g, ' ');
    if (chunk === '') return;
    // whitespace between inline elements is one space; between blocks it is nothing
    if (!preformatted && chunk === ' ') {
      this.space();
      return;
    }
    if (this.owed > 0 && this.out !== '') {
      // blank lines entering or leaving a quote belong to neither side
      const blank = '> '.repeat(Math.min(this.writtenDepth, this.quoteDepth)).trimEnd();
      this.out = this.out.replace(/[ \t]+$/, '');
      const lines = Math.min(this.owed, 2);
      this.out += `${`\n${blank}`.repeat(lines - 1)}\n${'> '.repeat(this.quoteDepth)}`;
    }
    this.writtenDepth = this.quoteDepth;
    this.owed = 0;
    if (!preformatted && (this.out === '' || /\s$/.test(this.out))) chunk = chunk.trimStart();
    this.out += chunk;
    this.afterMarker = false;
  }

  marker(text: string): void {
    this.write(text, true);
    this.afterMarker = true;
  }

  space(): void {
    if (this.owed === 0 && this.out !== '' && !/\s$/.test(this.out)) this.out += ' ';
  }
}

function sameTarget(text: string, href: string): boolean {
  const bare = (s: string) =>
    s
      .trim()
      .toLowerCase()
      .replace(/^(?:https?:\/\/|mailto:)/, '')
      .replace(/\/$/, '');
  return bare(text) === bare(href);
}

interface OpenLink {
  href: string;
  start: number;
}

interface WalkState {
  writer: TextWriter;
  skipping: number;
  pre: number;
  lists: { ordered: boolean; next: number }[];
  links: (OpenLink | null)[];
  cellsInRow: number;
}

function openTag(s: WalkState, name: string, attribs: Attributes): void {
  const w = s.writer;
  if (PARAGRAPHS.has(name)) w.block(name === 'ul' || name === 'ol' ? (s.lists.length > 0 ? 1 : 2) : 2);
  else if (LINES.has(name)) w.block(1);
  if (name === 'br') w.lineBreak();
  else if (name === 'blockquote') w.quoteDepth++;
  else if (name === 'pre') s.pre++;
  else if (name === 'ul' || name === 'ol') s.lists.push({ ordered: name === 'ol', next: 1 });
  else if (name === 'li') {
    const list = s.lists[s.lists.length - 1];
    const indent = '  '.repeat(Math.max(0, s.lists.length - 1));
    w.marker(`${indent}${list?.ordered ? `${list.next++}. ` : '- '}`);
  } else if (name === 'tr') s.cellsInRow = 0;
  else if (name === 'td' || name === 'th') {
    if (s.cellsInRow++ > 0) w.space();
  } else if (name === 'img' && attribs.alt) w.write(attribs.alt);
  else if (name === 'a') {
    const href = attribs.href?.trim() ?? '';
    s.links.push(LINK_HREF.test(href) ? { href, start: w.out.length } : null);
  }
}

function closeTag(s: WalkState, name: string): void {
  const w = s.writer;
  if (name === 'a') {
    const link = s.links.pop();
    const text = link ? w.out.slice(link.start).trim() : '';
    if (link && text !== '' && !sameTarget(text, link.href)) w.write(` (${link.href.replace(/^mailto:/i, '')})`);
  } else if (name === 'blockquote') w.quoteDepth = Math.max(0, w.quoteDepth - 1);
  else if (name === 'pre') s.pre = Math.max(0, s.pre - 1);
  else if (name === 'ul' || name === 'ol') s.lists.pop();
  if (PARAGRAPHS.has(name)) w.block(name === 'ul' || name === 'ol' ? (s.lists.length > 0 ? 1 : 2) : 2);
  else if (LINES.has(name)) w.block(1);
}

/**
 * Readable plain text: blocks on their own lines, paragraphs apart, list items as "- ",
 * quotes as "> ", links as "text (url)" when the text is not the URL itself.
 * Script, style and other non-content elements are dropped; entities are decoded.
 */
export function htmlToText(html: string): string {
  const s: WalkState = { writer: new TextWriter(), skipping: 0, pre: 0, lists: [], links: [], cellsInRow: 0 };
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (SKIPPED.has(name)) s.skipping++;
        if (s.skipping === 0) openTag(s, name, attribs);
      },
      onclosetag(name) {
        // htmlparser2 reports every close, implied ones included, so the counters stay balanced
        if (s.skipping === 0) closeTag(s, name);
        if (SKIPPED.has(name)) s.skipping = Math.max(0, s.skipping - 1);
      },
      ontext(text) {
        if (s.skipping === 0) s.writer.write(text, s.pre > 0);
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return s.writer.out
    .replace(/[ \t\u00a0]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
