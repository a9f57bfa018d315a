import { describe, expect, it } from 'vitest';
import { findHandoffRequest } from './handoff-keywords.js';

describe('findHandoffRequest', () => {
  it('finds explicit requests for a person in English and Chinese', () => {
    expect(findHandoffRequest('I want a real person')).toBe('real person');
    expect(findHandoffRequest('Can I talk to an AGENT please?')).toBe('agent');
    expect(findHandoffRequest('humans only!')).toBe('human');
    expect(findHandoffRequest('转人工')).toBe('人工');
    expect(findHandoffRequest('我要找真人')).toBe('真人');
  });

  it('does not fire inside other words or on ordinary questions', () => {
    expect(findHandoffRequest('How do I reset my password?')).toBeNull();
    expect(findHandoffRequest('Which user-agents are supported? reagent')).toBeNull();
    expect(findHandoffRequest('The humanities course refund')).toBeNull();
    expect(findHandoffRequest('如何申请退款？')).toBeNull();
  });

  it("adds the workspace's own keywords", () => {
    expect(findHandoffRequest('get me a supervisor now')).toBeNull();
    expect(findHandoffRequest('get me a Supervisor now', ['supervisor'])).toBe('supervisor');
    expect(findHandoffRequest('我要投诉', ['投诉'])).toBe('投诉');
  });
});
