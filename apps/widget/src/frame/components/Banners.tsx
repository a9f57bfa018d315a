import type { JSX } from 'preact';
import { useFrame } from '../context.js';
import type { MessageKey } from '../i18n/index.js';

/** Business hours, queue position / wait, connection trouble and the last error. */
export function Banners(): JSX.Element {
  const { ctl, view, t } = useFrame();
  const { config, session, error } = view;
  const hours = config?.businessHours;
  const waiting = session && (session.state === 'queued' || session.state === 'offered');
  const errorKey = error ? (`error.${error.code}` as MessageKey) : null;
  return (
    <>
      {hours && !hours.open && !session ? (
        <p class="banner info">
          {t('hours.closed')}
          {hours.nextOpenAt
            ? ` ${t('hours.reopens', { time: new Date(hours.nextOpenAt).toLocaleString(view.locale, { weekday: 'short', hour: '2-digit', minute: '2-digit' }) })}`
            : ''}
        </p>
      ) : null}
      {waiting ? (
        <p class="banner info" role="status">
          {session.queuePosition ? t('queue.position', { position: session.queuePosition }) : t('queue.waiting')}
          {session.estimatedWaitSeconds !== null
            ? ` ${session.estimatedWaitSeconds < 60 ? t('queue.waitShort') : t('queue.wait', { minutes: Math.round(session.estimatedWaitSeconds / 60) })}`
            : ''}
        </p>
      ) : null}
      {session && session.state !== 'ended' && !view.connected ? (
        <p class="banner warn" role="status">
          {t('conn.reconnecting')}
        </p>
      ) : null}
      {error && errorKey ? (
        <div class="banner error" role="alert">
          <span>{t(errorKey, error.vars) === errorKey ? t('error.generic') : t(errorKey, error.vars)}</span>
          <button type="button" class="icon" aria-label={t('error.dismiss')} onClick={() => ctl.store.set({ error: null })}>
            ×
          </button>
        </div>
      ) : null}
    </>
  );
}
