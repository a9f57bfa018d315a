import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldName } from '../api/ApiError';

type LooseT = (key: string, options?: Record<string, unknown>) => string;

const PASSWORD_FIELDS = new Set(['password', 'newPassword']);

/** "in 5 minutes" / "5分钟后" for a retry-after delay. */
export function formatRetryAfter(seconds: number, language: string): string {
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'always' });
  if (seconds < 60) return format.format(Math.max(1, Math.ceil(seconds)), 'second');
  if (seconds < 3600) return format.format(Math.ceil(seconds / 60), 'minute');
  return format.format(Math.ceil(seconds / 3600), 'hour');
}

/**
 * Translates API errors by their stable `code` (`errors.<code>` in the locale files) and
 * field errors by their validation code; never by message text. `passwordMin` lets a too_small
 * error on a password field say how long it must be.
 */
export function useErrorText(passwordMin?: number) {
  const { t, i18n } = useTranslation();
  const loose = t as unknown as LooseT;

  const describe = useCallback(
    (error: unknown): string => {
      if (!(error instanceof ApiError)) return loose('errors.unknown');
      const { code, problem } = error;
      const retryAfter = problem.retryAfterSeconds;
      if (typeof retryAfter === 'number' && i18n.exists(`errors.${code}_retry`)) {
        return loose(`errors.${code}_retry`, {
          when: formatRetryAfter(retryAfter, i18n.resolvedLanguage ?? 'en'),
        });
      }
      return i18n.exists(`errors.${code}`) ? loose(`errors.${code}`) : loose('errors.unknown');
    },
    [i18n, loose],
  );

  /** Server-side message for one field of a validation.failed problem, if any. */
  const field = useCallback(
    (error: unknown, name: string): string | undefined => {
      if (!(error instanceof ApiError)) return undefined;
      const item = error.problem.errors?.find((candidate) => fieldName(candidate.path) === name);
      if (!item) return undefined;
      if (item.code === 'too_small' && passwordMin !== undefined && PASSWORD_FIELDS.has(name)) {
        return loose('fieldErrors.password_too_short', { min: passwordMin });
      }
      const key = `fieldErrors.${item.code}`;
      return i18n.exists(key) ? loose(key) : item.message;
    },
    [i18n, loose, passwordMin],
  );

  return useMemo(() => ({ describe, field }), [describe, field]);
}
