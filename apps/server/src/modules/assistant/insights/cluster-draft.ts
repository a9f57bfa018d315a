import type { Locale, UnansweredCluster } from '@switchboard/contracts';
import { escapeHtml } from '../../../platform/html.js';

const TITLE_MAX = 200;

/** The fixed sentences of a draft made from unanswered questions, per locale. */
const DRAFT_TEXT: Record<Locale, { intro: (count: number) => string; heading: string; todo: string }> = {
  en: {
    intro: (count) =>
      `Visitors asked the assistant this ${count === 1 ? 'once' : `${count} times`} and it had no answer. Write the answer below, then send the article for review.`,
    heading: 'Questions visitors asked',
    todo: 'Answer',
  },
  'zh-CN': {
    intro: (count) => `访客向智能助手提出了这个问题（共 ${count} 次），但助手没有找到答案。请在下方撰写答案，然后提交审核。`,
    heading: '访客提出的问题',
    todo: '答案',
  },
};

/** Title from the representative question (first letter up, trimmed); body lists the sample questions. */
export function draftFromCluster(cluster: Pick<UnansweredCluster, 'locale' | 'representative' | 'samples' | 'count'>) {
  const text = DRAFT_TEXT[cluster.locale];
  const rep = cluster.representative.replace(/\s+/g, ' ').trim();
  const title = (rep.charAt(0).toUpperCase() + rep.slice(1)).slice(0, TITLE_MAX);
  const items = cluster.samples.map((s) => `<li>${escapeHtml(s.text.trim())}</li>`).join('');
  const bodyHtml = [
    `<p>${escapeHtml(text.intro(cluster.count))}</p>`,
    `<h2>${escapeHtml(text.heading)}</h2>`,
    `<ul>${items}</ul>`,
    `<h2>${escapeHtml(text.todo)}</h2>`,
    '<p></p>',
  ].join('');
  return { title, bodyHtml, tags: ['assistant-unanswered'] };
}
