import { describe, expect, it } from 'vitest';
import { type IntentDefinition, IntentModel, IntentModels } from './intent-model.js';

const INTENTS: IntentDefinition[] = [
  {
    name: 'order_status',
    enabled: true,
    examples: {
      en: ['Where is my order', 'Track my package', 'When will my parcel arrive', 'My delivery is late', 'Order tracking number'],
      'zh-CN': ['我的订单到哪了', '查询物流', '包裹什么时候到', '快递还没到'],
    },
  },
  {
    name: 'refund',
    enabled: true,
    examples: {
      en: ['I want my money back', 'Refund my purchase', 'How do I get a refund', 'Return the item for a refund', 'Cancel and refund'],
      'zh-CN': ['我要退款', '怎么申请退款', '退货退款', '钱什么时候退回来'],
    },
  },
  {
    name: 'password',
    enabled: true,
    examples: {
      en: ['I forgot my password', 'Reset my password', 'Cannot log in to my account', 'Password reset link does not work'],
      'zh-CN': ['忘记密码', '重置密码', '登录不了账号'],
    },
  },
  { name: 'disabled_one', enabled: false, examples: { en: ['Tell me a joke', 'Sing a song'] } },
];

describe('IntentModel', () => {
  const model = IntentModel.train(INTENTS) as IntentModel;

  it('labels English and Chinese messages with the admin intent', () => {
    expect(model.classify('where is my package? it is late').name).toBe('order_status');
    expect(model.classify('please refund my money').name).toBe('refund');
    expect(model.classify('I forgot the password for my account').name).toBe('password');
    expect(model.classify('我的快递什么时候到').name).toBe('order_status');
    expect(model.classify('我想申请退款').name).toBe('refund');
  });

  it('says out of scope for messages that share nothing with any intent, and never uses disabled intents', () => {
    expect(model.classify('The weather in Paris is lovely').name).toBeNull();
    const joke = model.classify('Tell me a joke');
    expect(joke.name).not.toBe('disabled_one');
    expect(joke.ranked.map((r) => r.name)).not.toContain('disabled_one');
  });

  it('needs two enabled intents', () => {
    expect(IntentModel.train(INTENTS.slice(0, 1))).toBeNull();
  });

  it('caches per workspace and version, and retrains when the version changes', () => {
    const models = new IntentModels();
    let loads = 0;
    const load = () => {
      loads++;
      return INTENTS;
    };
    const a = models.get('ws', 'v1', load);
    expect(models.get('ws', 'v1', load)).toBe(a);
    expect(loads).toBe(1);
    models.get('ws', 'v2', load);
    expect(loads).toBe(2);
  });
});
