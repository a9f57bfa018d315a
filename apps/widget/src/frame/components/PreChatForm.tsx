import type { PreChatField } from '@switchboard/contracts';
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useFrame } from '../context.js';
import type { MessageKey } from '../i18n/index.js';
import { cleanPreChat, fieldLabel, type PreChatErrors, validatePreChat } from '../state/prechat.js';
import { Field } from './Field.js';

const INPUT: Record<PreChatField['kind'], { type: string; autoComplete?: string }> = {
  name: { type: 'text', autoComplete: 'name' },
  email: { type: 'email', autoComplete: 'email' },
  phone: { type: 'tel', autoComplete: 'tel' },
  text: { type: 'text' },
  textarea: { type: 'text' },
};

export interface PreChatFormProps {
  fields: readonly PreChatField[];
  submitLabel: string;
  /** Gets the cleaned values once they pass the channel's checks. */
  onSubmit: (values: Record<string, string>) => void | Promise<void>;
  /** Values given before, and the server's objections to them (paths `preChat.<key>`). */
  initial?: Record<string, string>;
  serverErrors?: ReadonlyArray<{ path: string }>;
  children?: JSX.Element | null;
  /** Extra checks of the parent's own fields (leave-a-message); true when they pass. */
  extraValid?: () => boolean;
}

/** The channel's configured pre-chat fields, validated as the visitor submits, errors inline. */
function fromServer(fields: readonly PreChatField[], serverErrors: ReadonlyArray<{ path: string }>): PreChatErrors {
  const mapped: PreChatErrors = {};
  for (const err of serverErrors) {
    const key = err.path.replace(/^preChat\./, '');
    if (fields.some((f) => f.key === key)) mapped[key] = 'prechat.invalid' satisfies MessageKey;
  }
  return mapped;
}

export function PreChatForm({ fields, submitLabel, onSubmit, children, extraValid, initial, serverErrors }: PreChatFormProps): JSX.Element {
  const { view, t } = useFrame();
  const [values, setValues] = useState<Record<string, string>>(initial ?? {});
  const [errors, setErrors] = useState<PreChatErrors>({});
  const inputs = useRef(new Map<string, HTMLInputElement | HTMLTextAreaElement>());

  useEffect(() => {
    if (!serverErrors?.length) return;
    const found = fromServer(fields, serverErrors);
    setErrors(found);
    const first = fields.find((f) => found[f.key]);
    if (first) inputs.current.get(first.key)?.focus();
  }, [fields, serverErrors]);

  const focusFirst = (bad: PreChatErrors) => {
    const first = fields.find((f) => bad[f.key]);
    if (first) inputs.current.get(first.key)?.focus();
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const found = validatePreChat(fields, values);
    setErrors(found);
    const extraOk = extraValid ? extraValid() : true;
    if (Object.keys(found).length > 0) return focusFirst(found);
    if (!extraOk) return;
    await onSubmit(cleanPreChat(fields, values));
  };

  return (
    <form class="form" onSubmit={submit} noValidate>
      {fields.map((f) => (
        <Field
          key={f.key}
          id={`pc-${f.key}`}
          label={fieldLabel(f, view.locale)}
          value={values[f.key] ?? ''}
          onInput={(v) => setValues((s) => ({ ...s, [f.key]: v }))}
          error={errors[f.key] ? t(errors[f.key] as MessageKey) : null}
          type={INPUT[f.kind].type}
          autoComplete={INPUT[f.kind].autoComplete}
          multiline={f.kind === 'textarea'}
          required={f.required}
          optionalText={t('prechat.optional')}
          inputRef={(el) => (el ? inputs.current.set(f.key, el) : inputs.current.delete(f.key))}
        />
      ))}
      {children}
      <button class="primary" type="submit" disabled={view.busy}>
        {submitLabel}
      </button>
    </form>
  );
}
