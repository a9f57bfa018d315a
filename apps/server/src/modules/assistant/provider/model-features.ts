import type { ProviderOutcome } from '@switchboard/contracts';
import type { Platform } from '../../../platform/platform.js';
import { articleUrl, type RenderedReply } from '../assistant.core.js';
import type { Candidate } from '../kb-index.js';
import { type BotLocale, templates } from '../templates.js';
import { Masker } from './masking.js';
import { answerPrompt, parseGrounded, parseSummary, summaryPrompt } from './prompts.js';
import { type CallRefs, providerGateway } from './provider-gateway.js';

/** A cited source of a generated answer: `n` is the [n] the text uses. */
export type CitedCandidate = Candidate & { n: number };

/** What the model made of a question: a grounded answer, a refusal, or nothing (offline engine). */
export type ModelAnswer =
  | { kind: 'answer'; text: string; sources: CitedCandidate[] }
  | { kind: 'refused' }
  | { kind: 'unavailable'; outcome: Exclude<ProviderOutcome, 'ok' | 'refused'> | 'not_configured' };

/** At most this many passages go to the model (the prompt stays small and cheap). */
const MAX_PASSAGES = 4;

/**
 * The model-backed parts of a chat turn, or null when the workspace has no enabled provider.
 * `fallback` is set when a call fell back to the offline engine (for the decision log).
 */
export async function chatModel(p: Platform, refs: Omit<CallRefs, 'purpose'>, locale: BotLocale) {
  const gateway = providerGateway(p);
  const provider = await gateway.enabledProvider(refs.workspaceId);
  if (!provider) return null;
  const state = { fallback: null as string | null };

  const answer = async (question: string, previous: string | null, candidates: Candidate[]): Promise<ModelAnswer> => {
    const passages = candidates.slice(0, MAX_PASSAGES);
    const masker = new Masker();
    const messages = answerPrompt(
      masker.mask(question),
      previous ? masker.mask(previous) : null,
      passages.map((c) => ({ title: masker.mask(c.title), text: masker.mask(c.passage) })),
      locale,
    );
    const res = await gateway.complete({ ...refs, purpose: 'answer' }, masker, messages, {
      maxTokens: 400,
      provider,
      accept: (content) => parseGrounded(content, passages.length) !== null,
    });
    if (!res.ok) {
      if (res.outcome === 'refused') return { kind: 'refused' };
      state.fallback = res.outcome;
      return { kind: 'unavailable', outcome: res.outcome };
    }
    const grounded = parseGrounded(res.content, passages.length);
    if (!grounded) return { kind: 'refused' };
    const sources = grounded.cited.map((n) => ({ ...(passages[n - 1] as Candidate), n }));
    // The customer's own data and the articles' public data go back in: the customer reads it.
    return { kind: 'answer', text: masker.restore(grounded.text), sources };
  };

  /** Bullet summary of the visitor's side for the hand-off note; null = use the extractive one. */
  const summarize = async (transcript: ReadonlyArray<{ from: string; text: string }>): Promise<string[] | null> => {
    const masker = new Masker();
    const text = transcript.map((m) => `${m.from === 'visitor' ? 'Customer' : 'Assistant'}: ${masker.mask(m.text)}`).join('\n');
    const res = await gateway.complete({ ...refs, purpose: 'summary' }, masker, summaryPrompt(text), {
      maxTokens: 200,
      provider,
      accept: (content) => parseSummary(content).length > 0,
    });
    if (!res.ok) {
      if (res.outcome !== 'refused') state.fallback = res.outcome;
      return null;
    }
    // Staff-facing: the agent sees the transcript anyway.
    return parseSummary(res.content).map((line) => masker.restore(line));
  };

  return { answer, summarize, state };
}

const SOURCES: Record<BotLocale, { label: string; line: (n: number, title: string, url: string) => string; helped: string }> = {
  en: { label: 'Sources', line: (n, title, url) => `[${n}] “${title}”: ${url}`, helped: 'Did this help?' },
  'zh-CN': { label: '来源', line: (n, title, url) => `[${n}] 《${title}》：${url}`, helped: '这对您有帮助吗？' },
};

/** A generated answer as the visitor sees it: the text, its cited articles, and "did this help?". */
export function renderGenerated(answer: { text: string; sources: CitedCandidate[] }, locale: BotLocale): RenderedReply {
  const s = SOURCES[locale];
  const lines = answer.sources.map((c) => s.line(c.n, c.title, articleUrl(c)));
  return { text: `${answer.text}\n\n${s.label}:\n${lines.join('\n')}\n\n${s.helped}`, quickReplies: [...templates(locale).didItHelp] };
}
