import { invalid } from '../../platform/errors.js';
import { htmlToText, sanitizeMessageHtml, textToHtml } from '../../platform/html.js';

/** Sanitized HTML plus its plain-text rendering, from whichever the client sent. */
export function prepareBody(input: { bodyHtml?: string | undefined; bodyText?: string | undefined }): { html: string; text: string } {
  let html: string;
  let text: string;
  if (input.bodyHtml?.trim()) {
    html = sanitizeMessageHtml(input.bodyHtml);
    text = htmlToText(html);
  } else {
    text = (input.bodyText ?? '').replace(/\r\n?/g, '\n').trim();
    html = textToHtml(text);
  }
  if (!text.trim() && !/<img\b/i.test(html)) throw invalid('bodyText', 'Write a message', 'body_required');
  return { html, text: text.trim() };
}
