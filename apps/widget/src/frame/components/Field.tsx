import type { JSX } from 'preact';

interface FieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  error?: string | null | undefined;
  type?: string;
  multiline?: boolean;
  required?: boolean;
  optionalText?: string;
  autoComplete?: string;
  inputRef?: (el: HTMLInputElement | HTMLTextAreaElement | null) => void;
}

/** A labelled input whose error is announced and tied to it with aria-describedby. */
export function Field(p: FieldProps): JSX.Element {
  const errorId = `${p.id}-error`;
  const common = {
    id: p.id,
    name: p.id,
    value: p.value,
    required: p.required,
    'aria-invalid': p.error ? true : undefined,
    'aria-describedby': p.error ? errorId : undefined,
    autoComplete: p.autoComplete,
    ref: p.inputRef,
    onInput: (e: Event) => p.onInput((e.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class="field">
      <label for={p.id}>
        {p.label}
        {!p.required && p.optionalText ? <span class="muted"> {p.optionalText}</span> : null}
      </label>
      {p.multiline ? <textarea rows={3} {...common} /> : <input type={p.type ?? 'text'} {...common} />}
      {p.error ? (
        <p id={errorId} class="field-error" role="alert">
          {p.error}
        </p>
      ) : null}
    </div>
  );
}
