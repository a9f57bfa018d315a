import { describe, expect, it } from 'vitest';
import { SentimentAnalyzer } from './analyzer.js';
import { detectFrustration, lexiconHits, negationMarkers } from './sentiment.js';

describe('lexicon rules', () => {
  it('flips polarity under negation until the clause ends', () => {
    expect(lexiconHits('The food was not good.')).toMatchObject({ positive: 0, negatedPositive: 1 });
    expect(lexiconHits('Not cheap, but good.')).toMatchObject({ positive: 1 });
    expect(lexiconHits('一点也不方便')).toMatchObject({ negatedPositive: 1, positive: 0 });
  });

  it('labels clear Chinese and English cases with the lexicon', () => {
    const lex = SentimentAnalyzer.lexiconOnly();
    expect(lex.analyze('客服态度很差，太失望了').label).toBe('negative');
    expect(lex.analyze('非常满意，谢谢你们').label).toBe('positive');
    expect(lex.analyze('我想改一下地址').label).toBe('neutral');
    expect(lex.analyze('Thanks, that was really helpful!').label).toBe('positive');
  });
});

describe('detectFrustration', () => {
  it('is calm for an ordinary question', () => {
    expect(detectFrustration('Where can I see my invoice?').level).toBe('none');
  });

  it.each([
    ['I want to talk to a real person', 'human_request'],
    ['转人工', 'human_request'],
    ['能不能找个真人', 'human_request'],
    ['WHY IS MY ORDER STILL NOT HERE', 'all_caps'],
    ['this is bullshit', 'profanity'],
    ['你们这是垃圾服务', 'profanity'],
    ['where is my refund???', 'punctuation'],
  ])('%s -> %s', (text, kind) => {
    expect(detectFrustration(text).signals.map((s) => s.kind)).toContain(kind);
  });

  it('notices the same question asked again', () => {
    const f = detectFrustration('where is my refund for order 123', ['Where is my refund for order 123?']);
    expect(f.signals.map((s) => s.kind)).toContain('repeated_question');
    expect(detectFrustration('can I change my address', ['where is my refund']).signals).toEqual([]);
  });

  it('escalates when several signals add up', () => {
    expect(detectFrustration('I ASKED THREE TIMES!!! GET ME A HUMAN', ['i asked three times get me a human']).level).toBe('high');
  });
});

describe('negation markers', () => {
  it('marks the words a negator scopes over, until the clause ends', () => {
    expect(negationMarkers("It wasn't worth the price.").split(' ')).toContain('zznegworth');
    expect(negationMarkers('Worth it. Not again')).not.toContain('zznegworth');
    expect(negationMarkers('never coming back here again at all')).toBe('zznegcome zznegback zzneghere');
  });
});
