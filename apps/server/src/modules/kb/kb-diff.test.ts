import { describe, expect, it } from 'vitest';
import { diffVersions, wordDiff } from './kb-diff.js';

const v = (version: number, title: string, bodyText: string) => ({ version, title, bodyText });

describe('version diff', () => {
  it('marks changed words in the title', () => {
    expect(wordDiff('Reset your password', 'Reset your account password')).toEqual([
      { kind: 'equal', text: 'Reset your ' },
      { kind: 'added', text: 'account ' },
      { kind: 'equal', text: 'password' },
    ]);
  });

  it('diffs Chinese by word, not by whole sentence', () => {
    const parts = wordDiff('如何重置密码', '如何修改密码');
    expect(parts[0]).toEqual({ kind: 'equal', text: '如何' });
    expect(parts.at(-1)).toEqual({ kind: 'equal', text: '密码' });
    expect(
      parts
        .filter((p) => p.kind === 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe('重置');
    expect(
      parts
        .filter((p) => p.kind === 'added')
        .map((p) => p.text)
        .join(''),
    ).toBe('修改');
  });

  it('diffs the body by line, with word detail inside an edited line, and counts words', () => {
    const d = diffVersions(
      v(1, 'Title', 'First line.\nOpen Settings.\nLast line.\n'),
      v(2, 'Title', 'First line.\nOpen the Settings page.\nLast line.\n'),
    );
    expect(d.from).toBe(1);
    expect(d.to).toBe(2);
    expect(d.title).toEqual([{ kind: 'equal', text: 'Title' }]);
    expect(d.body.map((p) => p.kind)).toEqual(['equal', 'removed', 'added', 'equal']);
    expect(d.body[2]?.words).toEqual([
      { kind: 'equal', text: 'Open ' },
      { kind: 'added', text: 'the ' },
      { kind: 'equal', text: 'Settings' },
      { kind: 'added', text: ' page' },
      { kind: 'equal', text: '.\n' },
    ]);
    expect(d.stats).toEqual({ addedWords: 2, removedWords: 0 });
  });

  it('reports no changes between identical versions', () => {
    const d = diffVersions(v(1, 'A', 'same\n'), v(1, 'A', 'same\n'));
    expect(d.body).toEqual([{ kind: 'equal', text: 'same\n' }]);
    expect(d.stats).toEqual({ addedWords: 0, removedWords: 0 });
  });
});
