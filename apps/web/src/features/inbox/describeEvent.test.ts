import { beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../api/types';
import { formatList } from '../../i18n/format';
import { i18n, initI18n } from '../../i18n/i18n';
import { describeEvent, type EventContext } from './describeEvent';

const ada = { id: 'u1', name: 'Ada', email: null, kind: 'agent' as const };

function context(language: 'en' | 'zh-CN'): EventContext {
  return {
    t: i18n.getFixedT(language),
    list: (items) => formatList(items, language),
    agentName: (id) => ({ u2: 'Grace' })[id],
    teamName: (id) => ({ t1: 'Billing' })[id],
    categoryName: () => undefined,
    fieldLabel: (key) => ({ plan: 'Plan' })[key] ?? key,
  };
}

function changes(...list: { field: string; from: unknown; to: unknown }[]): Pick<Message, 'event' | 'author' | 'authorKind'> {
  return { author: ada, authorKind: 'agent', event: { type: 'fields_changed', changes: list } };
}

beforeAll(async () => {
  // Loads Chinese and its English fallback, so getFixedT works for both.
  await initI18n('zh-CN');
});

describe('describeEvent', () => {
  it('says who changed what, from what, to what', () => {
    const event = changes({ field: 'priority', from: 'normal', to: 'high' }, { field: 'status', from: 'new', to: 'pending' });
    expect(describeEvent(event, context('en'))).toEqual([
      'Ada changed the priority from Normal to High',
      'Ada changed the status from New to Pending',
    ]);
    expect(describeEvent(event, context('zh-CN'))).toEqual(['Ada 将优先级从“普通”改为“高”', 'Ada 将状态从“新建”改为“等待客户”']);
  });

  it('names assignees and teams, and says when they were cleared', () => {
    expect(describeEvent(changes({ field: 'assigneeId', from: null, to: 'u2' }), context('en'))).toEqual([
      'Ada assigned the ticket to Grace',
    ]);
    expect(describeEvent(changes({ field: 'assigneeId', from: 'u2', to: null }), context('zh-CN'))).toEqual(['Ada 取消了工单的分配']);
    expect(describeEvent(changes({ field: 'teamId', from: null, to: 't1' }), context('en'))).toEqual([
      'Ada moved the ticket to the Billing team',
    ]);
    expect(describeEvent(changes({ field: 'assigneeId', from: null, to: 'u-unknown' }), context('en'))).toEqual([
      'Ada assigned the ticket to Someone',
    ]);
  });

  it('lists added and removed tags separately, with singular and plural', () => {
    const event = changes({ field: 'tags', from: ['vip', 'old'], to: ['billing', 'refund', 'vip'] });
    expect(describeEvent(event, context('en'))).toEqual(['Ada added the tags billing and refund', 'Ada removed the tag old']);
    expect(describeEvent(event, context('zh-CN'))).toEqual(['Ada 添加了标签 billing和refund', 'Ada 移除了标签 old']);
  });

  it('describes custom field values by their label', () => {
    const event = changes({ field: 'customFields', from: { plan: 'free', seats: 3 }, to: { plan: 'gold' } });
    expect(describeEvent(event, context('en'))).toEqual(['Ada set Plan to gold', 'Ada cleared seats']);
  });

  it('names the other ticket of merges, links and splits', () => {
    const event = (type: string) => ({ author: ada, authorKind: 'agent' as const, event: { type, ticketId: 't9', number: 42 } });
    expect(describeEvent(event('merged_into'), context('en'))).toEqual(['Ada merged this ticket into #42']);
    expect(describeEvent(event('linked'), context('en'))).toEqual(['Ada linked #42']);
    expect(describeEvent(event('split_from'), context('zh-CN'))).toEqual(['Ada 从 #42 拆分出此工单']);
  });

  it('credits automation and still says something for unknown events', () => {
    expect(
      describeEvent(
        {
          author: null,
          authorKind: 'automation',
          event: { type: 'fields_changed', changes: [{ field: 'priority', from: 'low', to: 'urgent' }] },
        },
        context('en'),
      ),
    ).toEqual(['Automation changed the priority from Low to Urgent']);
    expect(describeEvent({ author: ada, authorKind: 'agent', event: { type: 'ticket_teleported' } }, context('en'))).toEqual([
      'Ada updated the ticket',
    ]);
    expect(describeEvent({ author: ada, authorKind: 'agent', event: { type: 'satisfaction_rated', score: 4 } }, context('zh-CN'))).toEqual([
      'Ada 给出了 4 分的评价（满分 5 分）',
    ]);
  });
});
