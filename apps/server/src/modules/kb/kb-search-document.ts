import { type SQL, sql } from 'drizzle-orm';
import { searchDocument } from '../../platform/search/text-search.js';

/**
 * The search vector of a published article: title lexemes weigh A, tags B, body C, so a query
 * word in the title outranks the same word deep in the body. The text goes through the same
 * analyzer as queries (English stems, jieba words + bigrams) and PostgreSQL's `simple` config.
 */
export function articleSearchVector(input: { title: string; text: string; tags?: readonly string[] }): SQL {
  const title = searchDocument(input.title);
  const tags = searchDocument((input.tags ?? []).join(' '));
  const body = searchDocument(input.text);
  return sql`setweight(to_tsvector('simple', ${title}), 'A') || setweight(to_tsvector('simple', ${tags}), 'B') || setweight(to_tsvector('simple', ${body}), 'C')`;
}
