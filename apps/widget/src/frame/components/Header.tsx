import type { JSX } from 'preact';
import { useFrame } from '../context.js';

/** Title, avatar and presence; buttons to mute, end the chat and minimize the panel. */
export function Header(): JSX.Element {
  const { ctl, view, t } = useFrame();
  const { config, session } = view;
  const agent = session?.agent ?? null;
  const avatar = agent?.avatarUrl ?? config?.avatarUrl ?? null;
  const live = !!session && session.state !== 'ended' && session.state !== 'offline';
  const online = view.agentsOnline > 0 && (config?.businessHours.open ?? true);
  return (
    <header class="head">
      {avatar ? <img class="avatar" src={avatar} alt="" /> : <span class="avatar blank" aria-hidden="true" />}
      <div class="title">
        <h1>{config?.name ?? ''}</h1>
        <p>
          <span class={`dot ${online ? 'on' : ''}`} aria-hidden="true" />
          {agent ? t('header.agent', { name: agent.name }) : t(online ? 'header.online' : 'header.away')}
        </p>
      </div>
      {view.phase === 'ready' && !view.history && ctl.visitor.known() ? (
        <button type="button" class="icon" aria-label={t('history.open')} title={t('history.open')} onClick={() => void ctl.history.open()}>
          🕘
        </button>
      ) : null}
      <button
        type="button"
        class="icon"
        aria-pressed={view.sound}
        aria-label={t(view.sound ? 'header.soundOff' : 'header.soundOn')}
        onClick={() => ctl.store.set({ sound: !view.sound })}
      >
        {view.sound ? '🔔' : '🔕'}
      </button>
      {live ? (
        <button type="button" class="text" onClick={() => void ctl.actions.end()} disabled={view.busy}>
          {t('header.end')}
        </button>
      ) : null}
      <button type="button" class="icon" aria-label={t('header.minimize')} onClick={() => ctl.minimize()}>
        ▾
      </button>
    </header>
  );
}
