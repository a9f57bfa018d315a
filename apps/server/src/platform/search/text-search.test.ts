import { describe, expect, it } from 'vitest';
import { highlight, MAX_QUERY_TERMS, searchDocument, searchQuery, searchTerms } from './text-search.js';

/**
 * A strict reader of the tsquery syntax PostgreSQL accepts (quoted operands only, `& | ! <-> ( ) :*`)
 * and an evaluator of `tsvector @@ tsquery` over searchTerms positions, so matching is tested without
 * starting a database. Anything it cannot read would be a syntax error in to_tsquery too.
 */
type Node =
  | { op: 'lex'; value: string; prefix: boolean }
  | { op: 'not'; arg: Node }
  | { op: 'and' | 'or' | 'phrase'; left: Node; right: Node };

function parseTsquery(src: string): Node {
  let pos = 0;
  const skip = () => {
    while (src[pos] === ' ') pos++;
  };
  const eat = (token: string) => {
    skip();
    if (!src.startsWith(token, pos)) return false;
    pos += token.length;
    return true;
  };
  const operand = (): Node => {
    if (eat('!')) return { op: 'not', arg: operand() };
    if (eat('(')) {
      const inner = or();
      if (!eat(')')) throw new Error(`expected ) at ${pos} in ${src}`);
      return inner;
    }
    if (!eat("'")) throw new Error(`expected operand at ${pos} in ${src}`);
    let value = '';
    for (;;) {
      const ch = src[pos++];
      if (ch === undefined) throw new Error(`unterminated operand in ${src}`);
      if (ch === '\\') value += src[pos++] ?? '';
      else if (ch === "'" && src[pos] === "'") value += src[pos++];
      else if (ch === "'") break;
      else value += ch;
    }
    if (value === '' || Buffer.byteLength(value) > 2047) throw new Error(`bad lexeme in ${src}`);
    const prefix = src.startsWith(':*', pos);
    if (prefix) pos += 2;
    return { op: 'lex', value, prefix };
  };
  const binary = (op: 'and' | 'or' | 'phrase', token: string, next: () => Node) => (): Node => {
    let left = next();
    while (eat(token)) left = { op, left, right: next() };
    return left;
  };
  const phrase = binary('phrase', '<->', operand);
  const and = binary('and', '&', phrase);
  const or = binary('or', '|', and);
  const tree = or();
  skip();
  if (pos !== src.length) throw new Error(`trailing input at ${pos} in ${src}`);
  return tree;
}

/** Positions (1-based, like to_tsvector) where a node matches; for booleans a non-empty set means true. */
function positions(node: Node, doc: string[]): Set<number> {
  const all = new Set(doc.map((_, i) => i + 1));
  switch (node.op) {
    case 'lex':
      return new Set(doc.flatMap((t, i) => ((node.prefix ? t.startsWith(node.value) : t === node.value) ? [i + 1] : [])));
    case 'not':
      return positions(node.arg, doc).size > 0 ? new Set() : all;
    case 'or':
      return new Set([...positions(node.left, doc), ...positions(node.right, doc)]);
    case 'and':
      return positions(node.left, doc).size > 0 && positions(node.right, doc).size > 0 ? all : new Set();
    case 'phrase': {
      const left = positions(node.left, doc);
      return new Set([...positions(node.right, doc)].filter((p) => left.has(p - 1)));
    }
  }
}

function finds(text: string, q: string): boolean {
  const query = searchQuery(q);
  if (query === null) throw new Error(`no query for ${q}`);
  return positions(parseTsquery(query.tsquery), searchDocument(text).split(' ')).size > 0;
}

function lexemeCount(tsquery: string): number {
  const count = (n: Node): number => (n.op === 'lex' ? 1 : n.op === 'not' ? count(n.arg) : count(n.left) + count(n.right));
  return count(parseTsquery(tsquery));
}

describe('searchTerms', () => {
  it('lowercases, drops English stop words and stems', () => {
    expect(searchTerms('Refunds were requested')).toEqual(['refund', 'request']);
  });

  it('segments Chinese with jieba and adds bigrams of longer runs', () => {
    const terms = searchTerms('我想申请退款');
    expect(terms).toEqual(expect.arrayContaining(['申请', '退款', '请退', '想申']));
    expect(searchTerms('退款')).toEqual(['退款']);
  });

  it('folds Latin accents but keeps the vowel signs of other scripts', () => {
    expect(searchTerms('Café NAÏVE')).toEqual(['cafe', 'naiv']);
    expect(searchTerms('नमस्ते')).toEqual(['नमस्ते']);
  });

  it('keeps every piece of an id, stop word or not', () => {
    expect(searchTerms('Order A-1234')).toEqual(['order', 'a', '1234']);
    expect(searchTerms('INV2024')).toEqual(['inv', '2024']);
  });

  it('keeps an e-mail address whole, its local part and domain, and their words', () => {
    expect(searchTerms('Mail John.Doe@Example.com')).toEqual([
      'mail',
      'john.doe@example.com',
      'john.doe',
      'example.com',
      'john',
      'doe',
      'exampl',
      'com',
    ]);
  });

  it('ignores punctuation, emoji and overlong tokens', () => {
    expect(searchTerms('!!! 🎉 ... <>')).toEqual([]);
    expect(searchTerms(`x${'y'.repeat(150)} ok`)).toEqual(['ok']);
  });

  it('indexes only the first 200,000 characters', () => {
    const text = `${'word '.repeat(40_000)}needle`;
    expect(searchTerms(text)).not.toContain('needl');
    expect(searchTerms(text.slice(-100))).toContain('needl');
  });

  it('stays under the 1 MB tsvector limit for text that is all distinct Han characters', () => {
    let text = '';
    for (let i = 0; i < 200_000; i++) text += String.fromCodePoint(0x4e00 + ((i * 7919) % 20_000));
    const counts = new Map<string, number>();
    for (const t of searchTerms(text)) counts.set(t, (counts.get(t) ?? 0) + 1);
    let bytes = 0;
    for (const [t, n] of counts) bytes += Buffer.byteLength(t) + 1 + 2 + 2 * Math.min(n, 256);
    expect(bytes).toBeLessThan(1_048_575);
    expect(counts.size).toBeGreaterThan(10_000);
  });
});

describe('searchQuery matching', () => {
  it('matches English by stem', () => {
    expect(finds('Refunds were requested', 'refund ')).toBe(true);
    expect(finds('I want a refund', 'REFUNDING ')).toBe(true);
    expect(finds('Refunds were requested', 'refuse ')).toBe(false);
  });

  it('matches the last word as a prefix unless the input ends with a space', () => {
    expect(finds('Refunds were requested', 'refu')).toBe(true);
    expect(finds('Refunds were requested', 'refu ')).toBe(false);
    expect(finds('Such happiness', 'happin')).toBe(true);
    expect(searchQuery('refund order')?.tsquery).toMatch(/^'refund' & /);
  });

  it('matches Chinese words and partial words', () => {
    expect(finds('我想申请退款', '退款')).toBe(true);
    expect(finds('我想申请退款', '申请退')).toBe(true);
    expect(finds('我想申请退款', '申请退 ')).toBe(true);
    expect(finds('我想申请退款', '退')).toBe(true);
    expect(finds('我想申请退款', '退款申请 ')).toBe(false);
    expect(finds('我的信用卡被盗了', '信用卡 ')).toBe(true);
  });

  it('finds an order number by any of its spellings but not by a longer number', () => {
    for (const q of ['1234 ', 'A-1234 ', 'a1234 ', 'order a-1234 ']) expect(finds('Where is order A-1234?', q)).toBe(true);
    expect(finds('Where is order A-1234?', '12345 ')).toBe(false);
  });

  it('finds an e-mail address by the whole address and by its parts', () => {
    const text = 'Please write to john.doe+vip@example.com today';
    expect(finds(text, 'john.doe+vip@example.com ')).toBe(true);
    expect(finds(text, 'example.com ')).toBe(true);
    expect(finds(text, 'jane@example.com ')).toBe(false);
  });

  it('supports quoted phrases', () => {
    expect(finds('please refund the order now', '"refund the order"')).toBe(true);
    expect(finds('the order refund', '"refund the order"')).toBe(false);
    expect(finds('please refund the order now', '"refund ord')).toBe(true);
    expect(searchQuery('"refund order"')?.tsquery).toBe("('refund' <-> 'order')");
  });

  it('excludes words and phrases with a leading minus', () => {
    expect(finds('refund requested', 'refund -order')).toBe(true);
    expect(finds('refund the order', 'refund -order')).toBe(false);
    expect(finds('the order refund', 'refund -"refund the order" ')).toBe(true);
    expect(finds('refund the order', 'refund -"refund the order" ')).toBe(false);
    expect(searchQuery('refund -order')?.tsquery).toBe("'refund' & !'order'");
  });

  it('returns the positive words as terms', () => {
    expect(searchQuery('Refunds for "the ORDER" -spam')?.terms).toEqual(['refunds', 'order']);
  });
});

describe('searchQuery safety', () => {
  const nasty = [
    "'",
    "''",
    '"',
    '"""',
    '\\',
    "\\'",
    "it's o'brien\\'s",
    '&|!():*<>',
    "a & b | !c <-> 'd':* (e)",
    'refund:*',
    '(refund',
    'refund)',
    '!refund',
    'refund & | order',
    '<-> <2> :* :A',
    'a\u0000b',
    'héllo wörld',
    '🎉🔥 refund 🎉',
    'ｒｅｆｕｎｄ＂ｏｒｄｅｒ＂',
    '“smart quotes”',
    'İstanbul ß',
    '\ud800 lone surrogate',
    'x'.repeat(5000),
    '退款\'"申请',
    'a@b.c',
    '@@@',
    '-',
    '--refund',
    '- refund',
  ];

  it.each(nasty)('builds a well-formed tsquery for %j', (input) => {
    const query = searchQuery(input);
    if (query !== null) expect(() => parseTsquery(query.tsquery)).not.toThrow();
  });

  it.each(['', '   ', '!!! ...', '&|!():*<>', 'the and of', 'The', '"the a"', '🎉', '-refund', '-refund -"order now"'])(
    'returns null when nothing is left to search for: %j',
    (input) => {
      expect(searchQuery(input)).toBeNull();
    },
  );

  it('turns quotes and backslashes into word breaks, so names with apostrophes still match', () => {
    const query = searchQuery("'O'Brien' \\\\ ");
    expect(query?.tsquery).toBe("('o' <-> 'brien')");
    expect(finds("Call Mr O'Brien back", "o'brien ")).toBe(true);
  });

  it('caps a long query at 32 terms', () => {
    const words = Array.from(
      { length: 100 },
      (_, i) => `word${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`,
    );
    const query = searchQuery(words.join(' '));
    expect(lexemeCount(query?.tsquery ?? '')).toBe(MAX_QUERY_TERMS);
    expect(query?.terms.length).toBeLessThanOrEqual(MAX_QUERY_TERMS);
    const han = searchQuery('退款申请'.repeat(200));
    expect(lexemeCount(han?.tsquery ?? '')).toBeLessThanOrEqual(MAX_QUERY_TERMS);
  });

  it('drops repeated words', () => {
    expect(searchQuery('refund refund refund ')?.tsquery).toBe("'refund'");
  });
});

describe('highlight', () => {
  it('marks words whose stem matches and escapes the text', () => {
    expect(highlight('Hello <script>alert(1)</script>, your Refunds & refunding', ['refund'])).toBe(
      'Hello &lt;script&gt;alert(1)&lt;/script&gt;, your <mark>Refunds</mark> &amp; <mark>refunding</mark>',
    );
  });

  it('does not mark words that only share letters', () => {
    expect(highlight('We refuse refunds', ['refuse'])).toBe('We <mark>refuse</mark> refunds');
  });

  it('marks Chinese by substring', () => {
    expect(highlight('我想申请退款，谢谢', ['退款'])).toBe('我想申请<mark>退款</mark>，谢谢');
    expect(highlight('我想申请退款', ['申请退'])).toBe('我想<mark>申请退</mark>款');
  });

  it('marks ids and e-mail addresses', () => {
    expect(highlight('Order A-1234 from Ann@Example.com', ['a-1234', 'ann@example.com'])).toBe(
      'Order <mark>A-1234</mark> from <mark>Ann@Example.com</mark>',
    );
    expect(highlight('Order A-1234', ['1234'])).toBe('Order A-<mark>1234</mark>');
  });

  it('cuts a window around the first match of a long text', () => {
    const text = `${'lorem ipsum '.repeat(100)}the refund was sent ${'dolor sit '.repeat(100)}`;
    const snippet = highlight(text, ['refund'], { maxLength: 80 });
    expect(snippet).toContain('<mark>refund</mark>');
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet.replace(/<\/?mark>|…/g, '').length).toBeLessThanOrEqual(80);
  });

  it('returns the start of the text, escaped, when nothing matches', () => {
    const text = `<b>${'a'.repeat(300)}`;
    expect(highlight(text, ['zebra'], { ellipsis: '' })).toBe(`&lt;b&gt;${'a'.repeat(197)}`);
    expect(highlight('short & sweet', [])).toBe('short &amp; sweet');
  });

  it('uses custom markers and never splits a surrogate pair', () => {
    expect(highlight('a refund', ['refund'], { pre: '[', post: ']' })).toBe('a [refund]');
    const snippet = highlight('🎉'.repeat(50), [], { maxLength: 7, ellipsis: '' });
    expect(snippet).toBe('🎉🎉🎉');
  });
});
