import { IntentClassifier } from '@switchboard/assistant-engine';
import { describe, expect, it } from 'vitest';
import { languageGuess, predictField, priorityGuess, trainField } from './triage-model.js';

const rows = (label: string, texts: string[], corrected = false) => texts.map((text) => ({ text, label, corrected }));
const billing = [
  'refund my invoice',
  'charged twice on my card',
  'invoice amount wrong',
  'payment failed',
  'receipt for payment',
  'price went up',
  'cancel and refund',
  'VAT on invoice',
];
const shipping = [
  'parcel not arrived',
  'tracking number broken',
  'courier lost the package',
  'shipping to Canada',
  'box arrived damaged',
  'change delivery address',
  'where is my package',
  'delivery is late',
];
const account = [
  'forgot password',
  'change account email',
  'two-factor code rejected',
  'delete my account',
  'login locked',
  'rename my profile',
  'password link expired',
  'add a user to my account',
];

describe('triage models', () => {
  it('trains nothing from fewer than 20 tickets or fewer than two classes of 3', () => {
    expect(trainField(rows('billing', billing.slice(0, 5)).concat(rows('shipping', shipping.slice(0, 5)))).model).toBeNull();
    // 22 tickets, but one class has only 2: it is dropped and 20 remain over two classes.
    const mixed = trainField([
      ...rows('billing', billing),
      ...rows('shipping', shipping),
      ...rows('account', account.slice(0, 4)),
      ...rows('rare', ['x', 'y']),
    ]);
    expect(mixed.labels).toBe(3);
    expect(mixed.examples).toBe(20);
  });

  it('predicts the category of a new text, and corrections outweigh history', () => {
    const trained = trainField([...rows('billing', billing), ...rows('shipping', shipping), ...rows('account', account)]);
    const model = IntentClassifier.fromJSON(trained.model as NonNullable<typeof trained.model>);
    expect(predictField(model, 'I need a refund for this invoice')?.value).toBe('billing');
    const corrected = trainField([
      ...rows('billing', billing),
      ...rows('shipping', shipping),
      ...rows('account', account),
      ...rows('shipping', ['zorblax invoice charge', 'zorblax invoice charge', 'zorblax invoice charge'], true),
    ]);
    expect(
      predictField(IntentClassifier.fromJSON(corrected.model as NonNullable<typeof corrected.model>), 'zorblax invoice charge')?.value,
    ).toBe('shipping');
  });

  it('reads urgency from words and frustration, and language from the detector', () => {
    expect(priorityGuess('URGENT production is down, emergency!!!', null)).toMatchObject({ value: 'urgent' });
    expect(priorityGuess('How do I change my avatar?', null).value).toBe('normal');
    expect(priorityGuess('请紧急处理，系统宕机了', null).value).not.toBe('normal');
    expect(languageGuess('我的订单还没有到，请帮我查一下')).toMatchObject({ value: 'zh-CN' });
    expect(languageGuess('')).toBeNull();
  });
});
