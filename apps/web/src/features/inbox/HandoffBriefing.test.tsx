import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { initI18n } from '../../i18n/i18n';
import { message } from '../../test/ticketFixtures';
import { HandoffBriefing, latestHandoff } from './HandoffBriefing';

const handoff = {
  reason: 'visitor is frustrated',
  rule: 'Frustration',
  language: 'en',
  locale: 'en',
  intent: 'KB topic: Refunds',
  sentiment: { label: 'negative' as const, negative: 0.91, frustration: 'high' as const },
  summary: ['My refund has not arrived after two weeks.'],
  summarySource: 'extractive' as const,
};
const note = (seq: number, patch = {}) =>
  message(seq, { kind: 'note', authorKind: 'bot', pinned: true, assistantHandoff: handoff, bodyText: 'Assistant handed…', ...patch });

async function renderIn(language: 'en' | 'zh-CN', messages: ReturnType<typeof message>[]) {
  const i18n = await initI18n(language);
  return render(
    <MantineProvider>
      <I18nextProvider i18n={i18n}>
        <HandoffBriefing messages={messages} />
      </I18nextProvider>
    </MantineProvider>,
  );
}

describe('HandoffBriefing', () => {
  it('shows why the assistant handed over, the topic, the mood and what the customer said', async () => {
    await renderIn('en', [message(1), note(2), message(3)]);
    const card = screen.getByRole('region', { name: 'Handed over by the assistant' });
    expect(card.textContent).toContain('Why: visitor is frustrated');
    expect(card.textContent).toContain('Topic: KB topic: Refunds');
    expect(card.textContent).toContain('91% negative, frustration high');
    expect(card.textContent).toContain('Rule: Frustration');
    expect(screen.getByText('My refund has not arrived after two weeks.')).toBeTruthy();
    expect(screen.getByText('Negative')).toBeTruthy();
  });

  it('speaks Chinese to a Chinese-speaking agent', async () => {
    await renderIn('zh-CN', [note(2)]);
    expect(screen.getByRole('region', { name: '由智能助手转接' }).textContent).toContain('负面 91%，不满程度：高');
  });

  it('shows nothing without a pinned briefing, and the newest of several', async () => {
    await renderIn('en', [message(1), message(2, { kind: 'note' })]);
    expect(screen.queryByRole('region')).toBeNull();
    const newer = note(5, { assistantHandoff: { ...handoff, reason: 'visitor asked for a person ("agent")' } });
    expect(latestHandoff([note(2), newer])?.handoff.reason).toBe('visitor asked for a person ("agent")');
    expect(latestHandoff([message(1, { kind: 'note', assistantHandoff: handoff })])).toBeNull();
  });
});
