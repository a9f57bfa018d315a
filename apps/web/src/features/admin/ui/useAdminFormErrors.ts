import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldName } from '../../../api/ApiError';
import { useErrorText } from '../../../i18n/errorMessages';
import { collectErrors, type FieldErrorKey } from '../../auth/validation';

type LooseT = (key: string, options?: Record<string, unknown>) => string;

/**
 * Field errors for an admin form: client checks first, then the server's validation errors for
 * the same field, then conflicts (`role.key_taken`, ...) that belong to one field. Everything
 * else becomes `formError`, shown above the form.
 */
export function useAdminFormErrors<K extends string>(error: unknown, conflicts: Partial<Record<string, K>> = {}) {
  const { t, i18n } = useTranslation();
  const loose = t as unknown as LooseT;
  const errorText = useErrorText();
  const [clientErrors, setClientErrors] = useState<Partial<Record<K, FieldErrorKey>>>({});
  const conflictField = error instanceof ApiError ? conflicts[error.code] : undefined;

  const serverText = useCallback(
    (match: (path: string) => boolean): string | undefined => {
      if (!(error instanceof ApiError)) return undefined;
      const item = error.problem.errors?.find((candidate) => match(candidate.path));
      if (!item) return undefined;
      for (const key of [`admin.fieldErrors.${item.code}`, `fieldErrors.${item.code}`]) {
        if (i18n.exists(key)) return loose(key);
      }
      return item.message;
    },
    [error, i18n, loose],
  );

  const fieldError = useCallback(
    (name: K): string | undefined => {
      const key = clientErrors[name];
      if (key) return t(key);
      if (conflictField === name) return errorText.describe(error);
      return serverText((path) => fieldName(path) === name);
    },
    [clientErrors, conflictField, error, errorText, serverText, t],
  );

  /** A server error at `prefix` or below it (`hours` matches `hours.3`). */
  const pathError = useCallback((prefix: string) => serverText((path) => path === prefix || path.startsWith(`${prefix}.`)), [serverText]);

  const validate = useCallback((checks: Partial<Record<K, FieldErrorKey | undefined>>): boolean => {
    const errors = collectErrors(checks);
    setClientErrors(errors);
    return Object.keys(errors).length === 0;
  }, []);

  const formError = error && !conflictField ? errorText.describe(error) : null;
  return useMemo(() => ({ fieldError, pathError, validate, formError }), [fieldError, pathError, validate, formError]);
}
