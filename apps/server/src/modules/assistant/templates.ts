/**
 * Everything the assistant says that is not a quoted article passage: fixed sentences per
 * locale (en, zh-CN). The assistant never composes facts; it quotes and uses these.
 */
export type BotLocale = 'en' | 'zh-CN';

interface Templates {
  answer: (passage: string, title: string, url: string) => string;
  didItHelp: [yes: string, no: string];
  clarify: string;
  rephrase: string;
  greet: string;
  thanks: string;
  notHelpful: string;
  handoff: string;
}

const TEMPLATES: Record<BotLocale, Templates> = {
  en: {
    answer: (passage, title, url) => `${passage}\n\nFrom “${title}”: ${url}\n\nDid this help?`,
    didItHelp: ['Yes, that helped', 'No, I need more help'],
    clarify: 'I found a few articles that may match. Which one is closest to your question?',
    rephrase: 'Sorry, I could not find an answer to that. Could you describe it in other words?',
    greet: 'Hi! Ask me a question and I will look it up in our help center.',
    thanks: 'Glad I could help! Ask me anything else if you need to.',
    notHelpful: 'Sorry about that. Could you tell me more about what you need?',
    handoff: 'I am connecting you with a member of our team. They will see this conversation, so you will not need to repeat yourself.',
  },
  'zh-CN': {
    answer: (passage, title, url) => `${passage}\n\n摘自《${title}》：${url}\n\n这对您有帮助吗？`,
    didItHelp: ['有帮助', '没有，我需要更多帮助'],
    clarify: '我找到了几篇可能相关的文章。哪一篇最接近您的问题？',
    rephrase: '抱歉，我没有找到答案。您能换一种说法描述一下吗？',
    greet: '您好！请输入您的问题，我会在帮助中心为您查找。',
    thanks: '很高兴能帮到您！如有其他问题，请随时提问。',
    notHelpful: '抱歉。能再多告诉我一些您需要什么吗？',
    handoff: '正在为您转接人工客服。客服会看到本次对话内容，您无需重复说明。',
  },
};

export function templates(locale: BotLocale): Templates {
  return TEMPLATES[locale];
}

/** The reply locale for a detected language: Chinese → zh-CN, English → en, otherwise the chat's locale. */
export function replyLocale(detected: string, confidence: number, chatLocale: string): BotLocale {
  if (detected === 'zh') return 'zh-CN';
  if (detected === 'en' && confidence >= 0.5) return 'en';
  return chatLocale === 'zh-CN' ? 'zh-CN' : 'en';
}

/** Is this one of the "did this help?" buttons? Matches either locale's wording. */
export function feedbackOf(text: string): 'yes' | 'no' | null {
  const t = text.trim();
  for (const tpl of Object.values(TEMPLATES)) {
    if (t === tpl.didItHelp[0]) return 'yes';
    if (t === tpl.didItHelp[1]) return 'no';
  }
  return null;
}
