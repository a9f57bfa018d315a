import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvRecords } from './csv.js';

describe('parseCsv', () => {
  it('keeps commas, newlines and doubled quotes inside quoted fields', () => {
    const csv = 'text,label\n"Hello, world",greet\n"line one\nline two",multi\n"she said ""hi""",quote\n';
    expect(parseCsv(csv)).toEqual([
      ['text', 'label'],
      ['Hello, world', 'greet'],
      ['line one\nline two', 'multi'],
      ['she said "hi"', 'quote'],
    ]);
  });

  it('handles CRLF, a BOM, empty fields and a missing final newline', () => {
    expect(parseCsv('\ufeffa,b,c\r\n1,,3\r\n"x",y,')).toEqual([
      ['a', 'b', 'c'],
      ['1', '', '3'],
      ['x', 'y', ''],
    ]);
  });

  it('maps rows to header names and supports tabs', () => {
    expect(parseCsvRecords('lang\ttext\nzh\t"你好,世界"\n', '\t')).toEqual([{ lang: 'zh', text: '你好,世界' }]);
  });
});
