import { type LauncherLabels, safeColor } from '../shared/bridge.js';
import { CHAT_ICON, CLOSE_ICON, LAUNCHER_CSS } from './styles.js';

/** The element the launcher lives in; its id lets a second copy of the script find the first. */
export const HOST_ID = 'switchboard-widget';

export interface Launcher {
  host: HTMLElement;
  root: ShadowRoot;
  button: HTMLButtonElement;
  iframe: HTMLIFrameElement;
  isOpen(): boolean;
  setOpen(open: boolean): void;
  show(config: { color: string; position: 'left' | 'right'; labels: LauncherLabels }): void;
  setUnread(count: number): void;
  destroy(): void;
}

/**
 * Builds the launcher bubble and the (initially hidden) chat panel inside a shadow root, with the
 * chat UI in an iframe on our own origin. Nothing is visible until the frame sends the channel's
 * configuration, so a widget that is refused (unknown key, origin not allowed) never appears.
 */
export function createLauncher(doc: Document, frameUrl: string, onToggle: () => void): Launcher {
  const host = doc.createElement('div');
  host.id = HOST_ID;
  // Inline !important too: the first line of defence if a page styles every div.
  host.setAttribute('style', 'display:block!important;position:fixed!important;width:0!important;height:0!important');
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = LAUNCHER_CSS;
  const wrap = doc.createElement('div');
  wrap.className = 'w';
  const panel = doc.createElement('div');
  panel.className = 'p';
  const iframe = doc.createElement('iframe');
  iframe.src = frameUrl;
  iframe.title = 'Chat';
  iframe.setAttribute('allow', 'autoplay; clipboard-write');
  // The frame stays out of the tab order while the panel is closed.
  iframe.tabIndex = -1;
  panel.appendChild(iframe);
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'b';
  button.setAttribute('aria-expanded', 'false');
  button.innerHTML = CHAT_ICON;
  const badge = doc.createElement('span');
  badge.className = 'n';
  badge.hidden = true;
  badge.setAttribute('aria-hidden', 'true');
  button.appendChild(badge);
  button.addEventListener('click', onToggle);
  wrap.append(panel, button);
  root.append(style, wrap);
  (doc.body ?? doc.documentElement).appendChild(host);

  let labels: LauncherLabels = { open: 'Open chat', close: 'Close chat', unread: '{{count}} unread' };
  let unread = 0;
  const label = () => {
    const open = wrap.classList.contains('open');
    const base = open ? labels.close : labels.open;
    button.setAttribute('aria-label', unread > 0 && !open ? `${base} (${labels.unread.replace('{{count}}', String(unread))})` : base);
  };
  label();

  return {
    host,
    root,
    button,
    iframe,
    isOpen: () => wrap.classList.contains('open'),
    setOpen(open) {
      wrap.classList.toggle('open', open);
      button.setAttribute('aria-expanded', String(open));
      button.innerHTML = open ? CLOSE_ICON : CHAT_ICON;
      button.appendChild(badge);
      iframe.tabIndex = open ? 0 : -1;
      label();
    },
    show(config) {
      labels = config.labels;
      wrap.style.setProperty('--c', safeColor(config.color, '#2563eb'));
      wrap.classList.toggle('left', config.position === 'left');
      wrap.classList.add('ready');
      label();
    },
    setUnread(count) {
      unread = Math.max(0, Math.floor(count) || 0);
      badge.textContent = unread > 99 ? '99+' : String(unread);
      badge.hidden = unread === 0;
      label();
    },
    destroy: () => host.remove(),
  };
}
