import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { useFrame } from '../context.js';
import { validateField } from '../state/prechat.js';
import { Field } from './Field.js';

function Rating(): JSX.Element {
  const { ctl, view, t } = useFrame();
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  if (view.rated || view.session?.rating) return <p role="status">{t('rating.thanks')}</p>;
  if (!ctl.actions.canRate()) return <></>;
  return (
    <form
      class="form"
      onSubmit={(e) => {
        e.preventDefault();
        if (stars) void ctl.actions.rate(stars, comment.trim() || undefined);
      }}
    >
      <fieldset class="stars">
        <legend>{t('rating.title')}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} class={n <= stars ? 'on' : ''}>
            <input type="radio" name="rating" value={n} checked={stars === n} onChange={() => setStars(n)} />
            <span aria-hidden="true">★</span>
            <span class="sr">{t('rating.star', { count: n })}</span>
          </label>
        ))}
      </fieldset>
      <Field id="rating-comment" label={t('rating.comment')} multiline value={comment} onInput={setComment} />
      <button class="primary" type="submit" disabled={!stars || view.busy}>
        {t('rating.submit')}
      </button>
    </form>
  );
}

function Transcript(): JSX.Element {
  const { ctl, view, t } = useFrame();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (view.transcriptTo) return <p role="status">{t('transcript.sent', { email: view.transcriptTo })}</p>;
  return (
    <form
      class="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const problem = validateField({ key: 'email', kind: 'email', label: {}, required: true, pattern: null }, email);
        setError(problem ? t(problem) : null);
        if (!problem) void ctl.actions.transcript(email.trim());
      }}
    >
      <Field
        id="transcript-email"
        label={t('transcript.title')}
        type="email"
        autoComplete="email"
        required
        value={email}
        onInput={setEmail}
        error={error}
      />
      <button type="submit" disabled={view.busy}>
        {t('transcript.submit')}
      </button>
    </form>
  );
}

/** After the chat ended: rating, transcript by email, and a way to start over. */
export function EndPanel(): JSX.Element {
  const { ctl, view, t } = useFrame();
  return (
    <section class="pad end" aria-label={t('end.ended')}>
      <p class="notice">{t('end.ended')}</p>
      <Rating />
      {view.session?.offlineMessage ? null : <Transcript />}
      <button type="button" class="primary" onClick={() => ctl.newChat()}>
        {t('end.new')}
      </button>
    </section>
  );
}
