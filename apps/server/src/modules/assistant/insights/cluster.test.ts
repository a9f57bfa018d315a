import { describe, expect, it } from 'vitest';
import { CLUSTER_THRESHOLDS, clusterQuestions } from './cluster.js';

const items = (texts: string[]) => texts.map((text, i) => ({ id: `q${i}`, text }));
const groupsOf = (texts: string[], threshold: number) =>
  clusterQuestions(items(texts), threshold).map((c) => c.members.map((m) => m.text).sort());

const EN = {
  password: [
    'How do I reset my password?',
    'I forgot my password, how can I reset it',
    'password reset link not working',
    'Reset password',
  ],
  invoice: ['Can I get an invoice for my order?', 'where do I download my invoice', 'I need an invoice with my company VAT number'],
  pets: ['Do you allow dogs in the hotel?', 'are pets allowed'],
  shipping: ['Do you ship to Canada?', 'can you deliver to canada'],
};

const ZH = {
  password: ['怎么重置密码', '忘记密码了怎么办', '密码重置邮件收不到'],
  refund: ['退款什么时候到账', '我的退款还没到账', '退款多久能到账？'],
  invoice: ['怎么开发票', '发票在哪里下载'],
};

describe('clusterQuestions', () => {
  /** No cluster holds questions of two different topics. */
  const pure = (groups: string[][], topics: Record<string, string[]>) =>
    groups.every((g) => new Set(g.map((text) => Object.keys(topics).find((k) => topics[k]?.includes(text)))).size === 1);

  it('groups English paraphrases and keeps unrelated questions apart', () => {
    const texts = [...EN.password, ...EN.invoice, ...EN.pets, ...EN.shipping];
    const groups = groupsOf(texts, CLUSTER_THRESHOLDS.en);
    for (const set of [EN.password, EN.pets, EN.shipping]) expect(groups).toContainEqual([...set].sort());
    expect(groups).toContainEqual(['Can I get an invoice for my order?', 'where do I download my invoice']);
    expect(pure(groups, EN)).toBe(true);
  });

  it('groups Chinese paraphrases and keeps unrelated questions apart', () => {
    const texts = [
      ZH.password[0],
      ZH.refund[0],
      ZH.invoice[0],
      ZH.password[1],
      ZH.refund[1],
      ZH.invoice[1],
      ZH.password[2],
      ZH.refund[2],
    ] as string[];
    const groups = groupsOf(texts, CLUSTER_THRESHOLDS['zh-CN']);
    expect(groups).toContainEqual([...ZH.refund].sort());
    expect(groups).toContainEqual([...ZH.password].sort());
    expect(groups).toContainEqual([...ZH.invoice].sort());
    expect(pure(groups, ZH)).toBe(true);
  });

  it('keys a cluster by its first question and keeps it when later questions arrive', () => {
    const first = clusterQuestions(items(EN.password.slice(0, 2)));
    const later = clusterQuestions(items([...EN.password, ...EN.invoice]));
    expect(first[0]?.key).toBe('q0');
    expect(later.find((c) => c.members.some((m) => m.id === 'q0'))?.key).toBe('q0');
  });

  it('picks the most central question as the representative', () => {
    const [c] = clusterQuestions(items(['reset password', 'How do I reset my password?', 'password reset email never arrives']));
    expect(c?.members).toHaveLength(3);
    expect(c?.representative.text).toBeTruthy();
  });
});
