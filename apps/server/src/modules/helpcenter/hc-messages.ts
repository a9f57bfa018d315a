import type { Locale } from '@switchboard/contracts';

/** Every string the help center renders, in each UI language (same keys, same {placeholders}). */
const EN = {
  'meta.title': '{workspace} Help Center',
  'meta.description': 'Answers and guides from {workspace}.',
  'nav.skip': 'Skip to content',
  'nav.home': 'Help Center',
  'nav.breadcrumbs': 'Breadcrumbs',
  'nav.language': 'Language',
  'nav.languages': 'Change language',
  'search.label': 'Search the help center',
  'search.placeholder': 'Search articles…',
  'search.submit': 'Search',
  'search.title': 'Search results',
  'search.resultsFor': 'Results for “{q}”',
  'search.count': '{count} results',
  'search.none': 'No articles match your search. Try other words, or contact us.',
  'search.fallback': 'No results in this language. Showing articles in other languages.',
  'search.inLanguage': 'In {language}',
  'search.more': 'More results',
  'home.heading': 'How can we help?',
  'home.categories': 'Browse by topic',
  'home.empty': 'There are no articles here yet.',
  'home.seeAll': 'See all {count} articles',
  'category.sections': 'Sections',
  'section.articles': 'Articles',
  'section.empty': 'No articles in this section yet.',
  'article.updated': 'Last updated {date}',
  'article.related': 'Related articles',
  'article.notTranslated': 'Not available in this language',
  'feedback.question': 'Was this article helpful?',
  'feedback.yes': 'Yes',
  'feedback.no': 'No',
  'feedback.comment': 'Anything we could improve? (optional)',
  'feedback.commentHint': 'Comments are read by our team before they appear anywhere. Please do not include personal data.',
  'feedback.send': 'Send feedback',
  'feedback.thanks': 'Thank you for your feedback!',
  'feedback.limited': 'You have sent a lot of feedback. Please try again later.',
  'help.heading': 'Still need help?',
  'help.ticket': 'Submit a request',
  'help.text': 'Our team will get back to you.',
  'notFound.title': 'Page not found',
  'notFound.text': 'This page does not exist or is not available to you.',
  'notFound.home': 'Go to the help center home',
  'language.en': 'English',
  'language.zh-CN': '简体中文',
} as const;

export type MessageKey = keyof typeof EN;

const ZH: Record<MessageKey, string> = {
  'meta.title': '{workspace} 帮助中心',
  'meta.description': '{workspace} 的解答与指南。',
  'nav.skip': '跳到正文',
  'nav.home': '帮助中心',
  'nav.breadcrumbs': '导航路径',
  'nav.language': '语言',
  'nav.languages': '切换语言',
  'search.label': '搜索帮助中心',
  'search.placeholder': '搜索文章…',
  'search.submit': '搜索',
  'search.title': '搜索结果',
  'search.resultsFor': '“{q}”的搜索结果',
  'search.count': '共 {count} 条结果',
  'search.none': '没有找到相关文章。请换个说法，或联系我们。',
  'search.fallback': '当前语言没有结果，以下是其他语言的文章。',
  'search.inLanguage': '语言：{language}',
  'search.more': '更多结果',
  'home.heading': '有什么可以帮您？',
  'home.categories': '按主题浏览',
  'home.empty': '这里还没有文章。',
  'home.seeAll': '查看全部 {count} 篇文章',
  'category.sections': '分区',
  'section.articles': '文章',
  'section.empty': '该分区还没有文章。',
  'article.updated': '最后更新于 {date}',
  'article.related': '相关文章',
  'article.notTranslated': '暂无该语言版本',
  'feedback.question': '这篇文章对您有帮助吗？',
  'feedback.yes': '有帮助',
  'feedback.no': '没有帮助',
  'feedback.comment': '有什么可以改进的吗？（可选）',
  'feedback.commentHint': '评论经我们的团队审核后才会显示。请不要填写个人信息。',
  'feedback.send': '提交反馈',
  'feedback.thanks': '感谢您的反馈！',
  'feedback.limited': '您提交的反馈过多，请稍后再试。',
  'help.heading': '仍需要帮助？',
  'help.ticket': '提交请求',
  'help.text': '我们的团队会尽快回复您。',
  'notFound.title': '页面不存在',
  'notFound.text': '该页面不存在，或您无权查看。',
  'notFound.home': '返回帮助中心首页',
  'language.en': 'English',
  'language.zh-CN': '简体中文',
};

const TABLES: Record<Locale, Record<MessageKey, string>> = { en: EN, 'zh-CN': ZH };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const table = TABLES[locale];
  return (key, params = {}) => table[key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** The message tables, for the test that checks every language has every key and placeholder. */
export const MESSAGE_TABLES = TABLES;

/** A date in the reader's language, e.g. "21 November 2025" / "2025年11月21日". */
export function formatDate(locale: Locale, date: Date, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  }
}
