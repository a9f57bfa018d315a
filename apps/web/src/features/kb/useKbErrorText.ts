import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldName } from '../../api/ApiError';
import { useErrorText } from '../../i18n/errorMessages';

type LooseT = (key: string) => string;

/**
 * API errors in words, by their stable code (`errors.kb_article.*` like every other code); field
 * codes of the knowledge base (`kb_section_not_found`, ...) read from `kb.fieldErrors` first.
 */
export function useKbErrorText() {
  const { t, i18n } = useTranslation();
  const loose = t as unknown as LooseT;
  const shared = useErrorText();
  const describe = shared.describe;
  /** The server's complaint about one field of a validation.failed problem, if any. */
  const field = useCallback(
    (error: unknown, name: string): string | undefined => {
      if (!(error instanceof ApiError)) return undefined;
      const item = error.problem.errors?.find((candidate) => fieldName(candidate.path) === name);
      if (!item) return undefined;
      if (i18n.exists(`kb.fieldErrors.${item.code}`)) return loose(`kb.fieldErrors.${item.code}`);
      return shared.field(error, name);
    },
    [i18n, loose, shared],
  );
  /** Field errors go next to their fields; only the rest is shown above the form. */
  const formError = useCallback(
    (error: unknown, fields: readonly string[]): string | null => {
      if (!error) return null;
      if (error instanceof ApiError && fields.some((name) => field(error, name))) return null;
      return describe(error);
    },
    [describe, field],
  );
  return useMemo(() => ({ describe, field, formError }), [describe, field, formError]);
}
