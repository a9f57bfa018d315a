import { detectLanguage, SentimentAnalyzer } from '@switchboard/assistant-engine';
import type { BotAction } from '@switchboard/contracts';
import type { Platform } from '../../platform/platform.js';
import type { TicketsModule } from '../tickets/index.js';
import { type Decision, NOT_HELPFUL, type TurnSignals } from './decide.js';
import type { Candidate, KbPassageIndex } from './kb-index.js';
import { type BotLocale, replyLocale, templates } from './templates.js';

/** What the assistant's parts share. */
export interface AssistantCore {
  p: Platform;
  tickets: TicketsModule;
  index: KbPassageIndex;
}

/** Lexicon sentiment for English and Chinese: offline, no model file to load. */
const sentimentAnalyzer = SentimentAnalyzer.lexiconOnly();

export interface Analysis extends TurnSignals {
  language: string;
  locale: BotLocale;
}

/** Language, reply locale, sentiment and frustration of one visitor message (`history`: their earlier ones). */
export function analyzeTurn(text: string, history: readonly string[], chatLocale: string): Analysis {
  // Short messages ("I want a real person") are hard to tell apart; the whole conversation is not.
  let guess = detectLanguage(text);
  if (guess.lang !== 'zh' && history.length > 0) {
    const whole = detectLanguage([...history, text].join('\n'));
    if (whole.confidence >= guess.confidence || guess.lang !== 'en') guess = whole;
  }
  const s = sentimentAnalyzer.analyze(text, { history });
  return {
    text,
    language: guess.lang,
    locale: replyLocale(guess.lang, guess.confidence, chatLocale),
    sentiment: { label: s.label, negative: Math.round(s.scores.negative * 1000) / 1000, frustration: s.frustration.level },
  };
}

export const articleUrl = (c: Pick<Candidate, 'locale' | 'articleId' | 'slug'>) =>
  `/hc/${c.locale}/articles/${c.articleId}-${encodeURIComponent(c.slug)}`;

export interface RenderedReply {
  text: string | null;
  quickReplies: string[];
}

type Renderer = (d: Decision, t: ReturnType<typeof templates>) => RenderedReply;

const RENDERERS = {
  answer: (d, t) => {
    const c = d.chosen as Candidate;
    return { text: t.answer(c.passage, c.title, articleUrl(c)), quickReplies: [...t.didItHelp] };
  },
  clarify: (d, t) => ({ text: t.clarify, quickReplies: d.options }),
  rephrase: (d, t) => ({ text: d.reason === NOT_HELPFUL ? t.notHelpful : t.rephrase, quickReplies: [] }),
  greet: (_d, t) => ({ text: t.greet, quickReplies: [] }),
  acknowledge: (_d, t) => ({ text: t.thanks, quickReplies: [] }),
  handoff: (_d, t) => ({ text: t.handoff, quickReplies: [] }),
  pass: () => ({ text: null, quickReplies: [] }),
} satisfies Record<BotAction, Renderer>;

/** The visitor-facing text of a decision: a quoted passage or a fixed template, never anything else. */
export function renderReply(d: Decision, locale: BotLocale): RenderedReply {
  return RENDERERS[d.action](d, templates(locale));
}
