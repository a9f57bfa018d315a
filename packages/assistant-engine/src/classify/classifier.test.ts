import { describe, expect, it } from 'vitest';
import { IntentClassifier, type IntentExample } from './classifier.js';

const data: Record<string, string[]> = {
  refund: [
    'I want a refund',
    'refund my money please',
    'how do I get my money back',
    'can I get a refund for my order',
    'give me a refund',
    'I was promised a refund',
    'money back please',
    'refund request for my purchase',
  ],
  delivery: [
    'where is my package',
    'my parcel has not arrived',
    'when will my order be delivered',
    'track my delivery',
    'the package is late',
    'delivery status of my parcel',
    'has my order shipped yet',
    'parcel still not delivered',
  ],
  password: [
    'I forgot my password',
    'reset my password',
    'cannot log in to my account',
    'password reset link not working',
    'how do I change my password',
    'locked out of my account',
    'my login does not work',
    'new password please',
  ],
  cancel: [
    'cancel my subscription',
    'I want to cancel my plan',
    'how do I cancel',
    'stop my subscription now',
    'please cancel my account plan',
    'end my membership',
    'unsubscribe me from the plan',
    'cancel the monthly plan',
  ],
  退款: [
    '我要退款',
    '怎么申请退款',
    '退款什么时候到账',
    '请给我退款',
    '钱什么时候退回来',
    '我想把钱退回来',
    '申请退货退款',
    '退款进度怎么查',
  ],
};
const examples: IntentExample[] = Object.entries(data).flatMap(([label, texts]) => texts.map((text) => ({ text, label })));

describe('IntentClassifier', () => {
  const clf = IntentClassifier.train(examples, { seed: 1 });

  it('ranks the right intent first with probabilities that sum to at most 1', () => {
    const p = clf.predict('could you refund my money', { threshold: 0 });
    expect(p.label).toBe('refund');
    expect(p.ranked[0]?.label).toBe('refund');
    const total = clf.predict('x', { topK: 10, threshold: 0 }).ranked.reduce((s, r) => s + r.probability, 0);
    expect(total).toBeCloseTo(1, 5);
    expect(clf.predict('我的退款还没到账', { threshold: 0 }).label).toBe('退款');
    expect(clf.predict('my parcel is late', { threshold: 0 }).label).toBe('delivery');
  });

  it('rejects unrelated messages as out of scope and keeps clear in-scope ones', () => {
    expect(clf.threshold).toBeGreaterThan(0);
    const off = clf.predict('quantum chromodynamics lecture notes');
    expect(off.outOfScope).toBe(true);
    expect(off.label).toBeNull();
    expect(clf.predict('reset my password please').label).toBe('password');
  });

  it('uses explicit oos examples to tune the threshold instead of becoming a class', () => {
    const withOos = IntentClassifier.train(
      [...examples, { text: 'tell me a joke', label: 'oos' }, { text: 'who won the football game', label: 'oos' }],
      { seed: 1 },
    );
    expect(withOos.labels).not.toContain('oos');
    expect(withOos.calibration.oosSize).toBe(2);
  });

  it('survives a JSON round-trip with identical predictions', () => {
    const restored = IntentClassifier.fromJSON(JSON.parse(JSON.stringify(clf.toJSON())));
    for (const text of ['refund please', 'where is my parcel', 'forgot password', 'random words about cats']) {
      expect(restored.predict(text)).toEqual(clf.predict(text));
    }
  });

  it('refuses a single-label training set', () => {
    expect(() => IntentClassifier.train([{ text: 'a', label: 'x' }])).toThrow();
  });
});
