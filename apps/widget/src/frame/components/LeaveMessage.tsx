import type { PreChatField } from '@switchboard/contracts';
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { useFrame } from '../context.js';
import { newId } from '../ids.js';
import { validateField } from '../state/prechat.js';
import { Field } from './Field.js';
import { PreChatForm } from './PreChatForm.js';

const NONE: PreChatField[] = [];
const EMAIL_FIELD: PreChatField = { key: 'email', kind: 'email', label: {}, required: true, pattern: null };

/**
 * "Leave a message" when nobody can chat: the conversation continues as an email ticket. Before a
 * chat exists it also carries the channel's pre-chat fields, and starts the conversation first.
 */
export function LeaveMessage({ preChatFields }: { preChatFields: readonly PreChatField[] }): JSX.Element {
  const { ctl, view, t } = useFrame();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<{ email?: string; text?: string }>({});
  const emailFromForm = preChatFields.find((f) => f.kind === 'email');
  const nameFromForm = preChatFields.find((f) => f.kind === 'name');

  if (view.leftMessageTo) {
    return (
      <p class="notice" role="status">
        {t('offline.sent', { email: view.leftMessageTo })}
      </p>
    );
  }

  const validOwn = () => {
    const emailProblem = emailFromForm ? null : validateField(EMAIL_FIELD, email);
    const next = { ...(emailProblem ? { email: t(emailProblem) } : {}), ...(text.trim() ? {} : { text: t('prechat.required') }) };
    setErrors(next);
    return Object.keys(next).length === 0;
  };

  const submit = async (preChat: Record<string, string>) => {
    const to = emailFromForm ? (preChat[emailFromForm.key] ?? '') : email.trim();
    const who = (nameFromForm ? preChat[nameFromForm.key] : name.trim()) || undefined;
    // The text goes once: as the first message of a new conversation, else with the email.
    let body: string | undefined = text.trim();
    if (!view.session) {
      // A conversation starts with the visitor's message; with nobody available it comes back
      // `offline`, and leaving the email turns it into an email ticket.
      ctl.setPreChat(preChat);
      if (!(await ctl.start({ clientId: newId(), text: body }))) return;
      // Someone came online meanwhile: the message simply started a live chat.
      if (ctl.session()?.state !== 'offline') return;
      body = undefined;
    }
    await ctl.actions.leaveMessage({ email: to, ...(body ? { text: body } : {}), ...(who ? { name: who } : {}) });
  };

  return (
    <section class="pad" aria-labelledby="lm-title">
      <h2 id="lm-title">{t('offline.title')}</h2>
      <p class="muted">{t('offline.intro')}</p>
      <PreChatForm
        fields={view.session ? NONE : preChatFields}
        submitLabel={t('offline.submit')}
        onSubmit={submit}
        extraValid={validOwn}
        initial={view.preChat}
        serverErrors={view.preChatErrors}
      >
        <>
          {emailFromForm ? null : (
            <Field
              id="lm-email"
              label={t('offline.email')}
              type="email"
              autoComplete="email"
              required
              value={email}
              onInput={setEmail}
              error={errors.email}
            />
          )}
          {nameFromForm ? null : (
            <Field
              id="lm-name"
              label={t('offline.name')}
              autoComplete="name"
              optionalText={t('prechat.optional')}
              value={name}
              onInput={setName}
            />
          )}
          <Field id="lm-text" label={t('offline.message')} multiline required value={text} onInput={setText} error={errors.text} />
        </>
      </PreChatForm>
    </section>
  );
}
