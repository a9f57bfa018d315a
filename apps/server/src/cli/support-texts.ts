import fs from 'node:fs';
import path from 'node:path';

/**
 * Support conversations in English and Chinese for the demo and benchmark seeds: hand-written
 * templates per topic, plus (for the benchmark) real customer questions and agent answers from
 * the evaluation datasets when they are present next to the repository.
 */

export type Lang = 'en' | 'zh';

export interface TopicTexts {
  subjects: readonly string[];
  openings: readonly string[];
  replies: readonly string[];
  followUps: readonly string[];
  notes: readonly string[];
}

export interface Topic {
  tag: string;
  en: TopicTexts;
  zh: TopicTexts;
}

/** Deterministic pseudo-random numbers so that two seeds of the same size look alike. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export const pickFrom = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

export const FIRST_NAMES = [
  ...['Alice', 'Bob', 'Chen', 'Dana', 'Emil', 'Fatima', 'Gao', 'Hiro', 'Ines', 'Jamal', 'Kira', 'Li', 'Maya'],
  ...['Noah', 'Olga', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tariq', 'Uma', 'Victor', 'Wei', 'Xin', 'Yara', 'Zoe'],
];
export const LAST_NAMES = [
  ...['Smith', 'Wang', 'Garcia', 'Müller', 'Kim', 'Rossi', 'Zhang', 'Silva'],
  ...['Novak', 'Liu', 'Dubois', 'Tanaka', 'Okafor', 'Nguyen', 'Haddad', 'Li'],
];
export const ZH_NAMES = ['王芳', '李伟', '张敏', '刘洋', '陈静', '杨磊', '赵丽', '黄强', '周杰', '吴霞'];

const PRODUCTS_EN = ['wireless headphones', 'standing desk', 'coffee grinder', 'smart watch', 'rain jacket', 'router', 'blender'];
const PRODUCTS_ZH = ['无线耳机', '升降桌', '咖啡研磨机', '智能手表', '冲锋衣', '路由器', '破壁机'];

/** Replaces {order}, {amount}, {product}, {days} with plausible values. */
export function fillSlots(template: string, lang: Lang, rand: () => number): string {
  return template.replace(/\{(order|amount|product|days)\}/g, (_, slot: string) => {
    if (slot === 'order') return `A-${10000 + Math.floor(rand() * 90000)}`;
    if (slot === 'amount') return (10 + Math.floor(rand() * 490) + 0.99).toFixed(2);
    if (slot === 'days') return String(2 + Math.floor(rand() * 12));
    return pickFrom(rand, lang === 'zh' ? PRODUCTS_ZH : PRODUCTS_EN);
  });
}

export const TOPICS: readonly Topic[] = [
  {
    tag: 'refund',
    en: {
      subjects: ['Refund for order {order}', 'I want my money back for the {product}', 'Refund still not received'],
      openings: [
        'Hi, I returned the {product} from order {order} two weeks ago and I still have not received my refund of {amount}. Can you check?',
        'Hello, the {product} did not work as described, so I would like a full refund for order {order}.',
      ],
      replies: [
        'Thanks for reaching out. I can see the return of order {order} arrived at our warehouse; the refund of {amount} has been issued and should reach your account within {days} business days.',
        'I am sorry the {product} disappointed you. I have started the refund for order {order}; you will get a confirmation e-mail once it is processed.',
      ],
      followUps: ['Thank you, I can see the refund now.', 'It has been {days} days and the refund is still not on my statement.'],
      notes: ['Refund approved by finance, amount {amount}.', 'Customer had two refunds this year; no fraud signals.'],
    },
    zh: {
      subjects: ['订单{order}申请退款', '退款一直没有到账', '{product}退货退款'],
      openings: [
        '你好，我两周前退回了订单{order}里的{product}，但是{amount}元的退款到现在还没有到账，麻烦帮我查一下。',
        '您好，收到的{product}和描述不符，我想申请订单{order}全额退款。',
      ],
      replies: [
        '您好，感谢您的耐心等待。仓库已经收到订单{order}的退货，{amount}元退款已经发起，预计{days}个工作日内原路退回。',
        '非常抱歉给您带来不便，订单{order}的退款申请已经提交，处理完成后会短信通知您。',
      ],
      followUps: ['谢谢，退款已经收到了。', '已经{days}天了，银行卡还是没有收到退款。'],
      notes: ['财务已批准退款，金额{amount}元。', '客户今年第二次退款，无异常。'],
    },
  },
  {
    tag: 'shipping',
    en: {
      subjects: ['Where is my order {order}?', 'Package delayed', 'Tracking has not updated for {days} days'],
      openings: [
        'My order {order} was supposed to arrive last week but the tracking page has not changed for {days} days.',
        'Hi, I ordered a {product} and the delivery date keeps moving. Is it lost?',
      ],
      replies: [
        'I checked with the carrier: order {order} is held at the regional hub and should be delivered within {days} days. I will keep an eye on it.',
        'Sorry for the wait. The courier confirmed a delay in your area; if the {product} has not arrived by Friday we will send a replacement.',
      ],
      followUps: ['It arrived today, thanks!', 'Still nothing. Can you send a replacement?'],
      notes: ['Opened a trace with the carrier, reference {order}.', 'Carrier SLA breached; eligible for shipping refund.'],
    },
    zh: {
      subjects: ['订单{order}物流一直不更新', '快递延误', '我的{product}什么时候发货'],
      openings: [
        '你好，订单{order}显示已发货，但物流信息已经{days}天没有更新了。',
        '我买的{product}说好三天到，现在还没发货，请问是什么情况？',
      ],
      replies: [
        '您好，已经帮您联系快递公司，订单{order}目前在中转站，预计{days}天内送达，请您留意电话。',
        '抱歉让您久等了，您所在地区快递有延误，如果周五前还没有收到{product}，我们会为您补发。',
      ],
      followUps: ['今天收到了，谢谢！', '还是没有收到，能不能直接补发？'],
      notes: ['已向快递公司发起查件，单号{order}。', '快递超时，可以补偿运费。'],
    },
  },
  {
    tag: 'login',
    en: {
      subjects: ['Cannot log in', 'Password reset e-mail never arrives', 'Account locked after too many attempts'],
      openings: [
        'I cannot sign in to my account: it says the password is wrong but I just reset it.',
        'The password reset e-mail never arrives, I checked the spam folder too.',
      ],
      replies: [
        'I have unlocked your account and sent a new reset link; it is valid for one hour. Let me know if it does not arrive.',
        'Your e-mail provider was rejecting our messages. I added an exception, please request the reset link again.',
      ],
      followUps: ['That worked, I am back in.', 'Still the same error message.'],
      notes: [
        'Account was locked by the rate limiter, not a security incident.',
        'Escalated to engineering: reset e-mails bouncing for this domain.',
      ],
    },
    zh: {
      subjects: ['无法登录账号', '收不到重置密码的邮件', '账号被锁定'],
      openings: ['我登录的时候一直提示密码错误，但我刚刚重置过密码。', '重置密码的邮件一直收不到，垃圾邮件里也没有。'],
      replies: [
        '您好，已经为您解锁账号并重新发送了重置链接，一小时内有效。',
        '您的邮箱服务商拦截了我们的邮件，已经处理好了，请重新申请重置链接。',
      ],
      followUps: ['可以登录了，谢谢。', '还是提示同样的错误。'],
      notes: ['账号因频繁尝试被限流锁定，不是安全事件。', '已转给技术部：该邮箱域名退信。'],
    },
  },
  {
    tag: 'billing',
    en: {
      subjects: ['Charged twice this month', 'Unexpected charge of {amount}', 'Wrong amount on my invoice'],
      openings: [
        'I was charged {amount} twice on my credit card this month. Please refund the duplicate payment.',
        'There is a charge of {amount} I do not recognise. What is it for?',
      ],
      replies: [
        'You are right, the payment was taken twice because of a gateway timeout. I have refunded the duplicate {amount}.',
        'That charge is the annual renewal of your plan. If you did not mean to renew, I can cancel it and refund you in full.',
      ],
      followUps: ['Great, thanks for sorting it out.', 'I did not agree to an annual renewal.'],
      notes: [
        'Duplicate charge confirmed in the payment gateway logs.',
        'Check whether other customers were double charged on the same day.',
      ],
    },
    zh: {
      subjects: ['本月被重复扣款', '莫名扣费{amount}元', '账单金额不对'],
      openings: ['我的信用卡这个月被扣了两次{amount}元，请退还重复扣的钱。', '账单上有一笔{amount}元的扣费，我不知道是什么费用。'],
      replies: [
        '您好，由于支付网关超时导致重复扣款，多扣的{amount}元已经退回。',
        '这笔是套餐的年度续费，如果您不想续费，我们可以取消并全额退款。',
      ],
      followUps: ['好的，谢谢处理。', '我没有同意自动续费。'],
      notes: ['支付网关日志确认重复扣款。', '需要排查同一天是否还有其他客户被重复扣款。'],
    },
  },
  {
    tag: 'invoice',
    en: {
      subjects: ['Need an invoice for order {order}', 'Company name wrong on invoice', 'VAT number missing'],
      openings: [
        'Could you send me an invoice for order {order}? I need it for my expense report.',
        'The invoice shows the wrong company name, please correct it.',
      ],
      replies: [
        'I attached the invoice for order {order} to this reply.',
        'I corrected the company name and re-issued the invoice; you will find it in your account.',
      ],
      followUps: ['Received, thank you.', 'The VAT number is still missing.'],
      notes: ['Invoice re-issued, old one voided.'],
    },
    zh: {
      subjects: ['申请开具发票', '发票抬头开错了', '需要增值税专用发票'],
      openings: ['请帮我开一张订单{order}的发票，公司报销要用。', '发票抬头写错了公司名称，麻烦帮我重新开。'],
      replies: ['您好，订单{order}的电子发票已经发送到您的邮箱。', '已经为您作废原发票并重新开具，请在账户中下载。'],
      followUps: ['收到了，谢谢。', '税号还是没有填上。'],
      notes: ['已重开发票，原发票作废。'],
    },
  },
  {
    tag: 'subscription',
    en: {
      subjects: ['Cancel my subscription', 'How do I downgrade my plan?', 'Upgrade to the business plan'],
      openings: [
        'Please cancel my subscription at the end of this billing period.',
        'I would like to move to the business plan. Will I lose my data?',
      ],
      replies: [
        'Your subscription is cancelled and stays active until the end of the period. You will not be charged again.',
        'You keep all your data when you change plans. I have upgraded your account; the difference is prorated.',
      ],
      followUps: ['Thanks, that is all I needed.', 'I was charged again after cancelling.'],
      notes: ['Offered a 20% discount to stay, customer declined.'],
    },
    zh: {
      subjects: ['取消订阅', '怎么降级套餐', '升级到企业版'],
      openings: ['请在本计费周期结束时取消我的订阅。', '我想升级到企业版套餐，数据会丢失吗？'],
      replies: ['您的订阅已取消，本周期结束前仍可正常使用，之后不会再扣费。', '更换套餐不会影响您的数据，已为您升级，差价按天折算。'],
      followUps: ['好的，没有其他问题了。', '取消之后又被扣费了。'],
      notes: ['提供了八折挽留优惠，客户拒绝。'],
    },
  },
  {
    tag: 'damaged',
    en: {
      subjects: ['{product} arrived broken', 'Damaged item in order {order}', 'Missing parts'],
      openings: [
        'The {product} arrived with a cracked case. I attached photos of the box.',
        'Two screws are missing from the {product} in order {order}.',
      ],
      replies: [
        'I am sorry it arrived damaged. A replacement {product} ships today, no need to return the broken one.',
        'I sent the missing parts by express post; tracking follows by e-mail.',
      ],
      followUps: ['The replacement arrived in perfect condition.', 'The new one has the same problem.'],
      notes: ['Third damaged {product} this week: flag packaging to the warehouse.'],
    },
    zh: {
      subjects: ['收到的{product}是坏的', '订单{order}商品破损', '少发了配件'],
      openings: ['收到的{product}外壳裂开了，箱子的照片已经上传。', '订单{order}里的{product}少了两颗螺丝。'],
      replies: ['很抱歉商品在运输中损坏，新的{product}今天发出，坏的不用寄回。', '缺少的配件已经用顺丰寄出，单号稍后发到您的邮箱。'],
      followUps: ['新的收到了，完好无损。', '新的还是有同样的问题。'],
      notes: ['本周第三次{product}破损，已反馈仓库改进包装。'],
    },
  },
  {
    tag: 'bug',
    en: {
      subjects: ['App crashes on startup', 'Export to CSV fails', 'Error 500 when saving settings'],
      openings: [
        'Since the last update the mobile app crashes as soon as I open it.',
        'Exporting my report to CSV fails with an error after a few seconds.',
      ],
      replies: [
        'Thanks for the report. Our developers found the cause; a fix is in version 4.2, available today.',
        'Could you tell me which browser and version you use? I could not reproduce it here.',
      ],
      followUps: ['The update fixed it.', 'I use Firefox 128 on Windows.'],
      notes: ['Reproduced on Android 14; linked to the crash report.', 'Known issue, engineering ticket ENG-{days}42.'],
    },
    zh: {
      subjects: ['应用一打开就闪退', '导出表格失败', '保存设置时报错'],
      openings: ['更新到最新版本以后，手机应用一打开就闪退。', '导出报表的时候过几秒就提示错误，导不出来。'],
      replies: ['感谢反馈，开发同事已经定位问题，今天发布的4.2版本已修复。', '请问您使用的是什么浏览器和版本？我这边没有复现。'],
      followUps: ['更新以后好了。', '我用的是Windows上的Chrome浏览器。'],
      notes: ['安卓14可以复现，已关联崩溃报告。', '已知问题，开发单号ENG-{days}42。'],
    },
  },
  {
    tag: 'address',
    en: {
      subjects: ['Change delivery address for {order}', 'Wrong address on my order'],
      openings: [
        'I moved last week; can you change the delivery address of order {order}?',
        'I typed the wrong house number on my order, please fix it before it ships.',
      ],
      replies: [
        'Done: order {order} will go to the new address. It has not left the warehouse yet.',
        'The order had already shipped, so I asked the carrier to redirect it.',
      ],
      followUps: ['Perfect, thank you.', 'The carrier says they cannot redirect it.'],
      notes: ['Address changed in the warehouse system before picking.'],
    },
    zh: {
      subjects: ['修改订单{order}的收货地址', '地址填错了'],
      openings: ['我上周搬家了，能帮我把订单{order}的收货地址改一下吗？', '下单的时候门牌号填错了，麻烦在发货前改一下。'],
      replies: ['已经修改好了，订单{order}还没有出库，会按新地址发货。', '订单已经发出，我们已联系快递改派到新地址。'],
      followUps: ['好的，谢谢。', '快递说没办法改派。'],
      notes: ['已在仓库系统中修改地址。'],
    },
  },
  {
    tag: 'feature-request',
    en: {
      subjects: ['Feature request: dark mode', 'Please add an API for reports', 'Can you support two-factor authentication by SMS?'],
      openings: [
        'It would be great to have a dark mode, I use the app a lot at night.',
        'We would like to pull our reports through an API instead of downloading them.',
      ],
      replies: [
        'Thank you for the suggestion, I passed it to our product team. Dark mode is on the roadmap for this year.',
        'Good news: the reports API is in beta. I enabled it for your account.',
      ],
      followUps: ['Looking forward to it!', 'Where can I find the documentation?'],
      notes: ['Added a vote to the roadmap item.'],
    },
    zh: {
      subjects: ['建议增加夜间模式', '希望提供报表接口', '能否支持短信验证码登录'],
      openings: ['希望应用能增加夜间模式，晚上用的时候太亮了。', '我们希望通过接口获取报表，而不是每次手动下载。'],
      replies: ['感谢您的建议，已经转给产品团队，夜间模式在今年的规划中。', '报表接口目前在内测，已经为您的账号开通。'],
      followUps: ['期待上线！', '请问接口文档在哪里？'],
      notes: ['已在需求池中为该需求投票。'],
    },
  },
];

/** A small RFC 4180 reader: quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

export interface DatasetTexts {
  /** short customer questions, usable as subjects and first messages */
  questions: string[];
  /** agent answers */
  answers: string[];
}

/** The first paragraphs of a Bitext answer, its {{Placeholders}} filled with neutral words. */
export function cleanAnswer(answer: string, maxChars = 700): string {
  const filled = answer.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (_, name: string) => `our ${name.toLowerCase()}`);
  let out = '';
  for (const para of filled.split(/\n\s*\n/)) {
    const p = para.trim();
    if (!p) continue;
    if (out && out.length + p.length > maxChars) break;
    out = out ? `${out}\n\n${p}` : p;
  }
  return out.slice(0, maxChars * 2);
}

function readCsv(file: string): string[][] | null {
  return fs.existsSync(file) ? parseCsv(fs.readFileSync(file, 'utf8')) : null;
}

/**
 * Customer questions from banking77 and Bitext, agent answers from Bitext, when the datasets
 * folder (../shared/datasets beside the repository) is there; null otherwise.
 */
export function loadDatasetTexts(dir: string): DatasetTexts | null {
  const banking = readCsv(path.join(dir, 'banking77', 'train.csv'));
  const bitext = readCsv(path.join(dir, 'bitext_customer_support', 'train.csv'));
  if (!banking && !bitext) return null;
  const questions = new Set<string>();
  for (const r of banking?.slice(1) ?? []) if (r[0]?.trim()) questions.add(r[0].trim());
  const header = bitext?.[0] ?? [];
  const qCol = header.indexOf('instruction');
  const aCol = header.indexOf('response');
  const answers = new Set<string>();
  for (const r of bitext?.slice(1) ?? []) {
    const q = r[qCol]?.trim();
    const a = r[aCol] ? cleanAnswer(r[aCol]) : '';
    if (q) questions.add(q);
    if (a) answers.add(a);
  }
  return { questions: [...questions], answers: [...answers] };
}

export type CorpusRole = 'subject' | 'customer' | 'agent' | 'note';

export type Corpus = Record<CorpusRole, Record<Lang, string[]>>;

/** `count` distinct fillings of the templates picked by `pick` (fewer when the templates run out of variety). */
function variants(rand: () => number, lang: Lang, count: number, pick: (t: TopicTexts) => readonly string[]): string[] {
  const out = new Set<string>();
  for (let tries = 0; out.size < count && tries < count * 3; tries++) {
    const topic = pickFrom(rand, TOPICS);
    out.add(fillSlots(pickFrom(rand, pick(topic[lang])), lang, rand));
  }
  return [...out];
}

/**
 * Texts the benchmark seed draws messages from: templates in both languages, plus the datasets'
 * customer questions and agent answers in English when given. Subjects are the short questions.
 */
export function buildCorpus(rand: () => number, datasets: DatasetTexts | null, perTemplateRole = 2000): Corpus {
  const both = (pick: (t: TopicTexts) => readonly string[], count = perTemplateRole) => ({
    en: variants(rand, 'en', count, pick),
    zh: variants(rand, 'zh', count, pick),
  });
  const subjects = both((t) => t.subjects);
  const customer = both((t) => [...t.openings, ...t.followUps]);
  const agent = both((t) => t.replies);
  const note = both((t) => t.notes, Math.ceil(perTemplateRole / 4));
  if (datasets) {
    subjects.en.push(...datasets.questions.filter((q) => q.length <= 90));
    customer.en.push(...datasets.questions);
    agent.en.push(...datasets.answers);
  }
  return { subject: subjects, customer, agent, note };
}
