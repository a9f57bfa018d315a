import { describe, expect, it } from 'vitest';
import { escapeHtml, extractMentions, htmlToText, sanitizeMessageHtml, textToHtml } from './html.js';

const ANN = '0190a6b2-1234-7abc-8def-0123456789ab';
const BOB = '0190a6b2-1234-7abc-8def-0123456789ac';

/** Nothing that can run script may survive, whatever the spelling. */
function expectInert(html: string): void {
  expect(html).not.toMatch(/<script|<svg|<math|<iframe|<object|<embed|<style|<form|<input/i);
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/\sstyle\s*=/i);
  expect(html).not.toMatch(/(?:href|src)\s*=\s*"\s*(?:javascript|vbscript|data:text|data:image\/svg)/i);
}

describe('sanitizeMessageHtml', () => {
  it.each([
    ['<p>hi<script>alert(1)</script></p>', '<p>hi</p>'],
    ['<img src=x onerror=alert(1)>', ''],
    ['<img src="https://x.io/a.png" onerror="alert(1)" alt="a">', '<img src="https://x.io/a.png" alt="a" />'],
    ['<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer nofollow" target="_blank">x</a>'],
    ['<a href="jav&#x09;ascript:alert(1)">x</a>', '<a rel="noopener noreferrer nofollow" target="_blank">x</a>'],
    ['<a href=" JaVaScRiPt:alert(1)">x</a>', '<a rel="noopener noreferrer nofollow" target="_blank">x</a>'],
    ['<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', '<a rel="noopener noreferrer nofollow" target="_blank">x</a>'],
    ['<a href="//evil.example">x</a>', '<a rel="noopener noreferrer nofollow" target="_blank">x</a>'],
    ['<a href="/relative/path">x</a>', '<a rel="noopener noreferrer nofollow" target="_blank">x</a>'],
    ['<a href="ftp://files.example/x">x</a>', '<a rel="noopener noreferrer nofollow" target="_blank">x</a>'],
    ['<img src="data:text/html;base64,AAAA">', ''],
    ['<img src="data:image/svg+xml;base64,AAAA">', ''],
    ['<svg onload=alert(1)><text>svg text</text></svg>after', 'after'],
    ['<math><mi xlink:href="javascript:alert(1)">x</mi></math>m', 'm'],
    ['<p style="background:url(javascript:alert(1))" onclick="x()">styled</p>', '<p>styled</p>'],
    ['<iframe src="https://evil.example"><p>inside</p></iframe>ok', 'ok'],
    ['<object data="x"><p>fallback</p></object>ok', 'ok'],
    ['<style>p{color:red}</style><p>p</p>', '<p>p</p>'],
    ['<noscript><p title="</noscript><img src=x onerror=alert(1)>">', ''],
    ['<textarea><p>typed</p></textarea>z', 'z'],
    ['<!--<img src=x onerror=alert(1)>-->c', 'c'],
    ['<form action="https://evil.example"><input value="v"><button>Go</button></form>', 'Go'],
  ])('neutralizes %s', (input, expected) => {
    const out = sanitizeMessageHtml(input);
    expect(out).toBe(expected);
    expectInert(out);
  });

  it.each([
    '<scr<script>ipt>alert(1)</scr</script>ipt>',
    '<<script>script>alert(1)<</script>/script>',
    '<img src="x" alt="&quot; onerror=&quot;alert(1)">',
    '<a href="https://ok.example" onmouseover="alert(1)">ok</a>',
    '<div><svg><foreignObject><img src=x onerror=alert(1)></foreignObject></svg></div>',
    '<p><a href="&#106;avascript:alert(1)">entity</a></p>',
    '<span data-mention="javascript:alert(1)" onclick="x">@x</span>',
  ])('leaves nothing executable in nested trick %s', (input) => {
    expectInert(sanitizeMessageHtml(input));
  });

  it('keeps formatting, safe links and images, tables and forces safe link attributes', () => {
    const html =
      '<h2>Title</h2><p><strong>b</strong> <em>i</em> <u>u</u> <s>s</s> <code>c</code></p><ul><li>one</li></ul>' +
      '<a href="https://ok.example/a?b=1&amp;c=2" target="_self" rel="opener">ok</a> <a href="mailto:a@b.example">mail</a>' +
      '<img src="cid:part1@mail" width="120" height="50px"><img src="data:image/png;base64,iVBORw0KGgo=" alt="px">' +
      '<table><tbody><tr><td colspan="2" style="x">c</td></tr></tbody></table><hr><blockquote>q</blockquote>';
    expect(sanitizeMessageHtml(html)).toBe(
      '<h2>Title</h2><p><strong>b</strong> <em>i</em> <u>u</u> <s>s</s> <code>c</code></p><ul><li>one</li></ul>' +
        '<a href="https://ok.example/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer nofollow">ok</a> ' +
        '<a href="mailto:a@b.example" rel="noopener noreferrer nofollow" target="_blank">mail</a>' +
        '<img src="cid:part1@mail" width="120" /><img src="data:image/png;base64,iVBORw0KGgo=" alt="px" />' +
        '<table><tbody><tr><td colspan="2">c</td></tr></tbody></table><hr /><blockquote>q</blockquote>',
    );
  });

  it('keeps lines of divs and deep headings apart instead of running them together', () => {
    expect(sanitizeMessageHtml('<div>one</div><div>two</div><h6>small</h6>')).toBe('<p>one</p><p>two</p><h4>small</h4>');
  });

  it('keeps mentions with a uuid and drops the attribute otherwise', () => {
    const html = `<p>Hi <span data-mention="${ANN.toUpperCase()}" class="m">@Ann</span> and <span data-mention="bob">@Bob</span></p>`;
    const out = sanitizeMessageHtml(html);
    expect(out).toBe(`<p>Hi <span data-mention="${ANN}">@Ann</span> and <span>@Bob</span></p>`);
    expect(extractMentions(out)).toEqual([ANN]);
  });
});

describe('extractMentions', () => {
  it('returns unique uuids in order, only from spans', () => {
    const html =
      `<p><span data-mention="${BOB}">@Bob</span> <span data-mention="${ANN}">@Ann</span>` +
      `<span data-mention="${BOB.toUpperCase()}">@Bob again</span><span data-mention="not-a-uuid">x</span>` +
      `<div data-mention="${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}">div</div></p>`;
    expect(extractMentions(html)).toEqual([BOB, ANN]);
    expect(extractMentions('<p>no mentions</p>')).toEqual([]);
    expect(extractMentions('')).toEqual([]);
  });
});

describe('htmlToText', () => {
  it('turns a typical e-mail into readable text', () => {
    const email = `<!DOCTYPE html><html><head><title>Your order</title><style>.x{color:red}</style></head><body>
      <div class="wrapper"><table width="100%"><tr><td><img src="logo.png" alt=""></td></tr><tr><td>
      <h1>Hello&nbsp;Ann,</h1>
      <p>Thanks for your order <b>#1234</b>. We&rsquo;ll ship it soon &amp; let you know.</p>
      <ul><li>Blue   shirt</li><li>Socks<ul><li>red</li></ul></li></ul>
      <p>Track it <a href="https://shop.example/track?id=1&amp;x=2">here</a> or visit
      <a href="https://shop.example/">shop.example</a>. Mail <a href="mailto:help@shop.example">us</a>.</p>
      <br><br><br><br>
      <blockquote>On Monday Bob wrote:<br>Where is my order?</blockquote>
      <script>var tracking = 1;</script>
      <p>Bye</p></td></tr></table></div></body></html>`;
    expect(htmlToText(email)).toBe(
      [
        'Hello Ann,',
        '',
        'Thanks for your order #1234. We\u2019ll ship it soon & let you know.',
        '',
        '- Blue shirt',
        '- Socks',
        '  - red',
        '',
        'Track it here (https://shop.example/track?id=1&x=2) or visit shop.example. Mail us (help@shop.example).',
        '',
        '> On Monday Bob wrote:',
        '> Where is my order?',
        '',
        'Bye',
      ].join('\n'),
    );
  });

  it('numbers ordered lists and keeps preformatted text as is', () => {
    expect(htmlToText('<ol><li>one</li><li><p>two</p></li></ol><pre>  a\n    b</pre>')).toBe('1. one\n2. two\n\n  a\n    b');
  });

  it('quotes every line of a blockquote and keeps at most one blank line', () => {
    expect(htmlToText('<p>Reply</p><blockquote>a<br><br><br><br>b<blockquote>deeper</blockquote></blockquote>after')).toBe(
      'Reply\n\n> a\n>\n> b\n>\n> > deeper\n\nafter',
    );
  });

  it('adds the URL only when the link text is not the URL itself', () => {
    expect(htmlToText('<a href="https://x.example/">https://x.example</a> <a href="mailto:a@x.example">a@x.example</a>')).toBe(
      'https://x.example a@x.example',
    );
    expect(htmlToText('<a href="javascript:alert(1)">click</a> <a href="/rel">here</a>')).toBe('click here');
  });

  it('separates table cells and rows', () => {
    expect(htmlToText('<table><tr><th>Item</th><th>Qty</th></tr><tr><td>Shirt</td><td>2</td></tr></table>')).toBe('Item Qty\nShirt 2');
  });

  it('returns empty text for empty or script-only input', () => {
    expect(htmlToText('')).toBe('');
    expect(htmlToText('<script>alert(1)</script><style>p{}</style>')).toBe('');
  });

  it('decodes entities without re-parsing them as markup', () => {
    expect(htmlToText('<p>&lt;b&gt;not bold&lt;/b&gt; &amp;amp; &#x1F600;</p>')).toBe('<b>not bold</b> &amp; 😀');
  });
});

describe('textToHtml', () => {
  it('escapes, makes paragraphs and line breaks, and links URLs', () => {
    expect(textToHtml('Hi <Ann> & co,\nsee https://example.com/a?b=1&c=2.\n\n\nBye')).toBe(
      '<p>Hi &lt;Ann&gt; &amp; co,<br>see <a href="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer nofollow" target="_blank">' +
        'https://example.com/a?b=1&amp;c=2</a>.</p><p>Bye</p>',
    );
  });

  it('keeps balanced parentheses in URLs and leaves other schemes as text', () => {
    expect(textToHtml('(see https://x.example/wiki/A_(b))')).toBe(
      '<p>(see <a href="https://x.example/wiki/A_(b)" rel="noopener noreferrer nofollow" target="_blank">https://x.example/wiki/A_(b)</a>)</p>',
    );
    expect(textToHtml('javascript:alert(1) "quoted" https:// http:///x')).toBe(
      '<p>javascript:alert(1) &quot;quoted&quot; https:// http:///x</p>',
    );
  });

  it('round-trips through htmlToText and survives sanitizing', () => {
    const text = 'Hello <Ann> & co,\nsee https://example.com/a?b=1&c=2.\n\nSecond paragraph\nwith two lines';
    const html = textToHtml(text);
    expect(htmlToText(html)).toBe(text);
    expect(htmlToText(sanitizeMessageHtml(html))).toBe(text);
    expect(sanitizeMessageHtml(html)).toContain('href="https://example.com/a?b=1&amp;c=2"');
  });

  it('returns nothing for blank text', () => {
    expect(textToHtml(' \n\n \r\n')).toBe('');
  });
});

describe('escapeHtml', () => {
  it('escapes the five significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
