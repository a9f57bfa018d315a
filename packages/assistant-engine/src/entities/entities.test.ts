import { describe, expect, it } from 'vitest';
import { extractEntities } from './entities.js';

// a Wednesday
const now = new Date(2024, 2, 13);

function pick(text: string, type: string) {
  return extractEntities(text, { now }).filter((e) => e.type === type);
}

describe('extractEntities', () => {
  it('finds emails with exact offsets', () => {
    const text = 'Write to Jane.Doe+support@Example.co.uk today';
    const [email] = pick(text, 'email');
    expect(email).toMatchObject({ text: 'Jane.Doe+support@Example.co.uk', value: 'jane.doe+support@example.co.uk' });
    expect(text.slice(email!.start, email!.end)).toBe(email!.text);
  });

  it('finds international, US and Chinese mobile phone numbers', () => {
    expect(pick('call me on +44 20 7946 0958 please', 'phone')[0]?.value).toBe('+442079460958');
    expect(pick('我的手机是13812345678', 'phone')[0]?.value).toBe('+8613812345678');
    expect(pick('my number is (415) 555-2671', 'phone')[0]?.value).toBe('4155552671');
  });

  it('finds order and ticket numbers in several shapes', () => {
    expect(pick('where is order #12345?', 'order_number').map((e) => e.value)).toEqual(['12345']);
    expect(pick('Ticket ORD-1234 is still open', 'order_number').map((e) => e.text)).toEqual(['ORD-1234']);
    expect(pick('订单号 123456 还没发货', 'order_number').map((e) => e.value)).toEqual(['123456']);
    expect(pick('my order number is A7731092', 'order_number').map((e) => e.value)).toEqual(['A7731092']);
  });

  it('does not read an order number as a phone number', () => {
    expect(pick('订单号：13812345678 已发货', 'phone')).toEqual([]);
  });

  it('resolves absolute and relative dates', () => {
    const values = (text: string) => pick(text, 'date').map((e) => e.value);
    expect(values('delivered on 2024-03-05')).toEqual(['2024-03-05']);
    expect(values('can it come tomorrow?')).toEqual(['2024-03-14']);
    expect(values('next Monday works')).toEqual(['2024-03-18']);
    expect(values('我3月5日下的单，明天能到吗')).toEqual(['2024-03-05', '2024-03-14']);
    expect(values('下周一可以吗')).toEqual(['2024-03-18']);
    expect(values('ordered on March 5th, 2023')).toEqual(['2023-03-05']);
  });

  it('parses money amounts with currency', () => {
    const values = (text: string) => pick(text, 'money').map((e) => e.value);
    expect(values('I was charged $12.50 twice')).toEqual([{ amount: 12.5, currency: 'USD' }]);
    expect(values('refund 12.50 EUR please')).toEqual([{ amount: 12.5, currency: 'EUR' }]);
    expect(values('退我¥100')).toEqual([{ amount: 100, currency: 'CNY' }]);
    expect(values('多扣了100元')).toEqual([{ amount: 100, currency: 'CNY' }]);
    expect(values('it cost $1,200')).toEqual([{ amount: 1200, currency: 'USD' }]);
  });

  it('returns nothing for plain text', () => {
    expect(extractEntities('hello, I need some help with my account', { now })).toEqual([]);
  });
});
