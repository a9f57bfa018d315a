import { describe, expect, it } from 'vitest';
import { FrontMatterError, htmlToMarkdown, markdownToHtml, readFrontMatter, writeFrontMatter } from './kb-markdown.js';

describe('front matter files', () => {
  it('writes and reads back meta and body, Chinese included', () => {
    const file = writeFrontMatter({ title: '如何重置密码', tags: ['账户', 'password'], description: null }, '打开**设置**。');
    expect(file.startsWith('---\n')).toBe(true);
    expect(readFrontMatter(file)).toEqual({
      meta: { title: '如何重置密码', tags: ['账户', 'password'], description: null },
      body: '打开**设置**。',
    });
  });

  it('refuses files without front matter or with broken YAML', () => {
    expect(() => readFrontMatter('# Just markdown')).toThrow(FrontMatterError);
    expect(() => readFrontMatter('---\ntitle: [unclosed\n---\nbody')).toThrow(/not valid YAML/);
    expect(() => readFrontMatter('---\n- a list\n---\nbody')).toThrow(/key: value/);
  });
});

describe('markdown conversion', () => {
  it('round-trips the formatting articles use', () => {
    const html =
      '<h2>Steps</h2><p>Open <strong>Settings</strong> and <a href="https://example.com/a">click here</a>.</p><ul><li>one</li><li>two</li></ul><p>打开<em>设置</em>页面。</p><pre><code>npm start</code></pre><table><tbody><tr><td>a</td><td>b</td></tr></tbody></table>';
    const md = htmlToMarkdown(html);
    expect(md).toContain('## Steps');
    expect(md).toContain('[click here](https://example.com/a)');
    expect(md).toContain('打开*设置*页面。');
    expect(md).toContain('<table>');
    expect(htmlToMarkdown(markdownToHtml(md))).toBe(md);
  });
});
