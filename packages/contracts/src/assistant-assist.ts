import { z } from 'zod';

/** Agent assist on the ticket page: articles, similar solved tickets and a suggested reply. */

export const AssistArticleSchema = z.object({
  articleId: z.uuid(),
  title: z.string(),
  /** The best matching passage of the article, shortened. */
  snippet: z.string(),
  url: z.string(),
  locale: z.string(),
  /** Ranker score relative to the best hit (0..1). */
  score: z.number(),
});
export type AssistArticle = z.infer<typeof AssistArticleSchema>;

export const AssistSimilarTicketSchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  subject: z.string(),
  status: z.string(),
  solvedAt: z.string().nullable(),
  /** The start of the last public agent reply, or null when there is none. */
  replyExcerpt: z.string().nullable(),
  score: z.number(),
});
export type AssistSimilarTicket = z.infer<typeof AssistSimilarTicketSchema>;

export const AssistSuggestedReplySchema = z.object({
  /** `model`: the provider's draft; `article`: the best passage; `ticket`: the agent reply of the most similar solved ticket. */
  source: z.enum(['model', 'article', 'ticket']),
  text: z.string(),
  citations: z.array(z.object({ articleId: z.uuid(), title: z.string(), url: z.string() })),
  ticket: z.object({ id: z.uuid(), number: z.number().int() }).nullable(),
});
export type AssistSuggestedReply = z.infer<typeof AssistSuggestedReplySchema>;

export const TicketAssistSchema = z
  .object({
    ticketId: z.uuid(),
    locale: z.string(),
    articles: z.array(AssistArticleSchema),
    similarTickets: z.array(AssistSimilarTicketSchema),
    suggestedReply: AssistSuggestedReplySchema.nullable(),
  })
  .meta({ id: 'TicketAssist' });
export type TicketAssist = z.infer<typeof TicketAssistSchema>;
