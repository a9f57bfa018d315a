import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type KbSearchParams, kbApi } from '../../api/kb.api';
import { kbKeys } from './kbQueries';

/** Published articles matching what is typed, once typing pauses; nothing for fewer than 2 characters. */
export function useArticleSearch(
  text: string,
  options: { source: KbSearchParams['source']; locale?: string | undefined; limit: number; delayMs?: number },
) {
  const [q] = useDebouncedValue(text.trim(), options.delayMs ?? 300);
  const enabled = q.length >= 2;
  const query = useQuery({
    queryKey: [...kbKeys.search(q, options.source, options.locale), options.limit],
    queryFn: ({ signal }) => kbApi.search({ q, source: options.source, locale: options.locale, limit: options.limit }, signal),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  return { q, enabled, ...query, items: enabled ? (query.data?.items ?? []) : [] };
}
