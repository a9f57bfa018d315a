import type { PreChatField, WidgetConfig } from '@switchboard/contracts';
import type { JSX } from 'preact';
import { useEffect, useMemo } from 'preact/hooks';
import { Banners } from './components/Banners.js';
import { Composer } from './components/Composer.js';
import { EndPanel } from './components/EndPanel.js';
import { Header } from './components/Header.js';
import { History } from './components/History.js';
import { LeaveMessage } from './components/LeaveMessage.js';
import { MessageList } from './components/MessageList.js';
import { PreChatForm } from './components/PreChatForm.js';
import { Ctx, useFrame } from './context.js';
import type { ChatController } from './controller.js';
import { type Locale, type MessageKey, translator } from './i18n/index.js';
import { useStore } from './store.js';

const NO_FIELDS: PreChatField[] = [];

function greetingOf(config: WidgetConfig, locale: Locale): string | null {
  return config.greeting[locale] ?? config.greeting[config.defaultLanguage] ?? Object.values(config.greeting)[0] ?? null;
}

function Greeting(): JSX.Element | null {
  const { view } = useFrame();
  const text = view.config ? greetingOf(view.config, view.locale) : null;
  return text ? <p class="greeting">{text}</p> : null;
}

/** Which screen the visitor is on follows from the config and the conversation's state alone. */
function Screen(): JSX.Element {
  const { ctl, view, t } = useFrame();
  const { config, session } = view;
  if (!config) return <></>;
  if (!session) {
    if (!config.available) return <LeaveMessage preChatFields={config.preChatFields} />;
    if (config.preChatFields.length > 0 && !view.preChatDone) {
      return (
        <section class="pad" aria-labelledby="pc-title">
          <Greeting />
          <h2 id="pc-title">{t('prechat.title')}</h2>
          <PreChatForm
            fields={config.preChatFields}
            submitLabel={t('prechat.submit')}
            onSubmit={(values) => ctl.setPreChat(values)}
            initial={view.preChat}
            serverErrors={view.preChatErrors}
          />
        </section>
      );
    }
  }
  const state = session?.state;
  return (
    <>
      <Greeting />
      <MessageList />
      {/* A message just left ends the live chat: thank the visitor instead of asking for a rating. */}
      {state === 'offline' || view.leftMessageTo ? (
        <LeaveMessage preChatFields={NO_FIELDS} />
      ) : state === 'ended' ? (
        <EndPanel />
      ) : (
        <Composer />
      )}
    </>
  );
}

export function App({ ctl }: { ctl: ChatController }): JSX.Element {
  const view = useStore(ctl.store);
  const t = useMemo(() => translator(view.locale), [view.locale]);
  useEffect(() => {
    document.documentElement.lang = view.locale;
  }, [view.locale]);
  // Escape anywhere in the frame minimizes the panel (the frame is the whole document).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') ctl.minimize();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [ctl]);

  let body: JSX.Element;
  if (view.phase === 'loading') body = <p class="pad muted" aria-busy="true" />;
  else if (view.phase === 'fatal') {
    const key = `error.${view.fatal}` as MessageKey;
    body = (
      <p class="pad" role="alert">
        {t(key) === key ? t('error.generic') : t(key)}
      </p>
    );
  } else body = view.history ? <History /> : <Screen />;

  return (
    <Ctx.Provider value={{ ctl, view, t }}>
      <div class="app" style={view.config ? { '--c': view.config.color } : undefined}>
        {view.phase === 'ready' ? <Header /> : null}
        <Banners />
        <main class="main">{body}</main>
      </div>
    </Ctx.Provider>
  );
}
