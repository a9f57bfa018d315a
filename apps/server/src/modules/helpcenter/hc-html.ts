import { escapeHtml } from '../../platform/html.js';

/**
 * HTML templates for the help center as tagged templates that escape every interpolated value
 * by default. Only SafeHtml passes through unchanged: other templates, and text that is HTML
 * already (published article HTML, sanitized when it was saved; highlighted snippets, escaped by
 * `highlight`) wrapped with `trusted()` at the one place it is read.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Value = SafeHtml | string | number | boolean | null | undefined | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i] as Value) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** Marks text that is HTML already; call it only on sanitized or escaped input. */
export function trusted(value: string): SafeHtml {
  return new SafeHtml(value);
}

/** Escapes text for XML (the sitemap): the same five entities. */
export const xmlEscape = escapeHtml;
