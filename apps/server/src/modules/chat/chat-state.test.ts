import { CHAT_STATES, type ChatState } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { CHAT_EVENTS_TABLE, type ChatTransition, isLive, transition } from './chat-state.js';

describe('chat state table', () => {
  it('walks the happy path bot → queued → offered → active → ended', () => {
    let s: ChatState = 'bot';
    for (const [event, to] of [
      ['handoff', 'queued'],
      ['offer', 'offered'],
      ['accept', 'active'],
      ['end', 'ended'],
    ] as Array<[ChatTransition, ChatState]>) {
      const next = transition(s, event);
      expect(next).toBe(to);
      s = next as ChatState;
    }
  });

  it('sends a declined or timed-out offer back to the queue', () => {
    expect(transition('offered', 'decline')).toBe('queued');
    expect(transition('offered', 'offer_timeout')).toBe('queued');
    expect(transition('queued', 'decline')).toBeNull();
    expect(transition('active', 'accept')).toBeNull();
  });

  it('transfers an active chat to an agent (offered) or a team (queued)', () => {
    expect(transition('active', 'transfer_to_agent')).toBe('offered');
    expect(transition('active', 'transfer_to_team')).toBe('queued');
    expect(transition('ended', 'transfer_to_team')).toBeNull();
  });

  it('re-queues the chats of an agent going offline', () => {
    expect(transition('active', 'agent_offline')).toBe('queued');
    expect(transition('queued', 'agent_offline')).toBeNull();
  });

  it('branches to leave-a-message and ends after the message is left', () => {
    expect(transition('queued', 'go_offline')).toBe('offline');
    expect(transition('active', 'go_offline')).toBeNull();
    expect(transition('offline', 'leave_message')).toBe('ended');
    expect(transition('queued', 'leave_message')).toBeNull();
  });

  it('never leaves ended, and only live states count as live', () => {
    for (const event of Object.keys(CHAT_EVENTS_TABLE) as ChatTransition[]) expect(transition('ended', event)).toBeNull();
    expect(CHAT_STATES.filter(isLive)).toEqual(['bot', 'queued', 'offered', 'active']);
  });
});
