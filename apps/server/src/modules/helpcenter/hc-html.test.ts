import { describe, expect, it } from 'vitest';
import { html, trusted } from './hc-html.js';

describe('html templates', () => {
  it('escapes interpolated text, attributes included', () => {
    const title = '<script>alert("x")</script> & \'quotes\'';
    expect(html`<h1 title="${title}">${title}</h1>`.value).toBe(
      '<h1 title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</h1>',
    );
  });

  it('nests templates and arrays without escaping them twice', () => {
    const items = ['a<b', 'c&d'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>`.value).toBe('<ul><li>a&lt;b</li><li>c&amp;d</li></ul>');
  });

  it('drops null, undefined and booleans, keeps numbers', () => {
    expect(html`${null}${undefined}${false}${true}${0}`.value).toBe('0');
  });

  it('passes trusted HTML through unchanged', () => {
    expect(html`<div>${trusted('<p>ok</p>')}</div>`.value).toBe('<div><p>ok</p></div>');
  });
});
