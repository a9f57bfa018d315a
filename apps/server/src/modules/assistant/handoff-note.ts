export interface HandoffNoteInput {
  reason: string;
  /** The handoff rule that fired (flows/handoff-rules.ts), if one did. */
  rule?: string | null;
  language: string;
  intent: string | null;
  sentiment: { label: string; negative: number; frustration: string };
  summary: string[];
  /** `model`: written by the model provider (provider/); default: extractive (verbatim sentences). */
  summarySource?: 'model' | 'extractive';
  transcript: ReadonlyArray<{ from: 'visitor' | 'agent' | 'bot'; text: string }>;
}

const WHO = { visitor: 'Visitor', agent: 'Agent', bot: 'Bot' } as const;

/**
 * The internal note pinned on a handed-off chat: why, what it is about, how the visitor feels,
 * what they said (extractive summary) and the whole conversation. Staff-facing, in English like
 * the chat module's own hand-off note; the structured fields also go into the message meta.
 */
export function handoffNoteText(n: HandoffNoteInput): string {
  const lines = [
    `Assistant handed this chat to the team: ${n.reason}.`,
    ...(n.rule ? [`Rule: ${n.rule}`] : []),
    `Language: ${n.language}`,
    `Intent: ${n.intent ?? 'unknown'}`,
    `Sentiment: ${n.sentiment.label} (negative ${n.sentiment.negative.toFixed(2)}), frustration ${n.sentiment.frustration}`,
    '',
    n.summarySource === 'model' ? 'Summary (written by the model provider):' : 'Summary:',
    ...(n.summary.length ? n.summary.map((s) => `- ${s}`) : ['- (nothing beyond greetings)']),
    '',
    'Transcript:',
    ...n.transcript.map((m) => `${WHO[m.from]}: ${m.text}`),
  ];
  return lines.join('\n');
}
