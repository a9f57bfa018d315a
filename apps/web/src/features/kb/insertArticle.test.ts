import { describe, expect, it } from 'vitest';
import { articleLinkHtml, articleSnippetHtml, escapeHtml } from './insertArticle';

const hit = {
  url: '/hc/en/articles/a1-reset-your-password',
  title: 'Reset <your> "password"',
  description: null,
  snippetHtml: 'Choose “Forgot <mark>password</mark>” &amp; follow the email',
};

describe('article HTML for replies', () => {
  it('links to the help center on this origin with an escaped title', () => {
    expect(articleLinkHtml(hit, 'https://support.example.com')).toBe(
      '<a href="https://support.example.com/hc/en/articles/a1-reset-your-password">Reset &lt;your&gt; &quot;password&quot;</a>',
    );
  });

  it('quotes the search snippet without its highlight marks, keeping its escaping', () => {
    expect(articleSnippetHtml(hit, 'https://support.example.com')).toBe(
      '<blockquote><p>Choose “Forgot password” &amp; follow the email</p></blockquote>' +
        '<p><a href="https://support.example.com/hc/en/articles/a1-reset-your-password">Reset &lt;your&gt; &quot;password&quot;</a></p>',
    );
  });

  it('prefers the article summary, escaped, over the snippet', () => {
    const html = articleSnippetHtml({ ...hit, description: 'Use <b>Forgot password</b> & check mail' }, 'http://localhost:3000');
    expect(html.startsWith('<blockquote><p>Use &lt;b&gt;Forgot password&lt;/b&gt; &amp; check mail</p></blockquote>')).toBe(true);
  });

  it('escapes every HTML-significant character', () => {
    expect(escapeHtml(`<a href='x'>&</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;');
  });
});
