import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../i18n/errorMessages';
import { collectErrors, type FieldErrorKey, PASSWORD_MIN_LENGTH } from './validation';

/**
 * Field errors for one form: client-side checks first, then the server's validation.failed
 * errors for the same field. `describe` turns any error into a translated sentence.
 */
export function useFormErrors<K extends string>(serverError: unknown) {
  const { t } = useTranslation();
  const errorText = useErrorText(PASSWORD_MIN_LENGTH);
  const [clientErrors, setClientErrors] = useState<Partial<Record<K, FieldErrorKey>>>({});

  const fieldError = useCallback(
    (name: K): string | undefined => {
      const key: FieldErrorKey | undefined = clientErrors[name];
      if (key) return t(key, { min: PASSWORD_MIN_LENGTH });
      return errorText.field(serverError, name);
    },
    [clientErrors, errorText, serverError, t],
  );

  const validate = useCallback((checks: Partial<Record<K, FieldErrorKey | undefined>>): boolean => {
    const errors = collectErrors(checks);
    setClientErrors(errors);
    return Object.keys(errors).length === 0;
  }, []);

  return { fieldError, validate, describe: errorText.describe };
}
