import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detect.js';

describe('detectLanguage', () => {
  it.each([
    ['en', 'My parcel still has not arrived and nobody answers my emails.'],
    ['es', 'Mi paquete todavía no ha llegado y nadie responde a mis correos.'],
    ['fr', "Mon colis n'est toujours pas arrivé et personne ne répond à mes courriels."],
    ['de', 'Mein Paket ist immer noch nicht angekommen und niemand antwortet auf meine E-Mails.'],
    ['pt', 'Minha encomenda ainda não chegou e ninguém responde aos meus e-mails.'],
    ['zh', '我的包裹还没有到，也没有人回复我的邮件。'],
    ['ja', '荷物がまだ届いていません。誰もメールに返信してくれません。'],
    ['ar', 'لم يصل طردي بعد ولا أحد يرد على رسائلي.'],
    ['it', 'Il mio pacco non è ancora arrivato e nessuno risponde alle mie email.'],
    ['ru', 'Моя посылка до сих пор не пришла.'],
  ])('%s: %s', (lang, text) => {
    const guess = detectLanguage(text);
    expect(guess.lang).toBe(lang);
    expect(guess.confidence).toBeGreaterThan(0.3);
  });

  it.each([
    ['en', 'where is my refund'],
    ['es', 'gracias por todo'],
    ['fr', 'merci beaucoup'],
    ['de', 'danke schön'],
    ['pt', 'obrigado pela ajuda'],
    ['zh', '退款'],
    ['ja', 'ありがとう'],
    ['ar', 'شكرا'],
  ])('short input %s: %s', (lang, text) => {
    expect(detectLanguage(text).lang).toBe(lang);
  });

  it('gives lower confidence to short latin text than to a full sentence', () => {
    expect(detectLanguage('hola').confidence).toBeLessThan(detectLanguage('Hola, quisiera saber dónde está mi pedido.').confidence);
  });

  it('returns und for input without letters', () => {
    expect(detectLanguage('12345 !!!')).toEqual({ lang: 'und', confidence: 0 });
  });
});
