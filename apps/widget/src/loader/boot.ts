import { type FrameMessage, type HostMessage, type IdentifyInput, isBridgeMessage } from '../shared/bridge.js';
import { createLauncher, HOST_ID, type Launcher } from './launcher.js';
import { createTitleFlasher } from './title.js';

/** Settings a host page may put on `window.Switchboard` before the script loads. */
export interface HostSettings {
  identify?: IdentifyInput;
  locale?: string;
  open?: boolean;
}

export type Command = 'identify' | 'open' | 'close' | 'toggle' | 'locale' | 'shutdown';
export type SwitchboardApi = ((command: Command, arg?: unknown) => void) & { loaded: true };
type Queued = ((...args: unknown[]) => void) & { q?: ArrayLike<unknown>[] };

export interface Widget {
  launcher: Launcher;
  api: SwitchboardApi;
}

/** The `<script data-key>` that loaded us: currentScript while running, else a lookup (tests, odd loaders). */
export function findScript(doc: Document): HTMLScriptElement | null {
  const current = doc.currentScript;
  if (current instanceof HTMLScriptElement && current.dataset.key) return current;
  return doc.querySelector<HTMLScriptElement>('script[data-key][src*="loader.js"]');
}

function isIdentify(value: unknown): value is IdentifyInput {
  const v = value as IdentifyInput | null;
  return !!v && typeof v === 'object' && typeof v.userId === 'string' && typeof v.email === 'string' && typeof v.hash === 'string';
}

interface Setup {
  frameOrigin: string;
  frameUrl: string;
  settings: HostSettings;
  queued: ArrayLike<unknown>[];
}

/** Where the frame lives (next to this script) and what the page prepared on `window.Switchboard`. */
function readSetup(win: Window & { Switchboard?: unknown }, script: HTMLScriptElement | null): Setup | null {
  const key = script?.dataset.key;
  if (!script || !key) {
    console.warn('Switchboard: add data-key="<channel public key>" to the widget <script> tag');
    return null;
  }
  const src = new URL(script.src, win.document.baseURI);
  const preset = win.Switchboard;
  return {
    frameOrigin: src.origin,
    frameUrl: new URL(`frame.html?key=${encodeURIComponent(key)}`, src).href,
    settings: preset && typeof preset === 'object' ? (preset as HostSettings) : {},
    queued: typeof preset === 'function' ? Array.from((preset as Queued).q ?? []) : [],
  };
}

/** The widget on one page: launcher, title flasher and the loader's end of the bridge. */
class WidgetHost {
  readonly launcher: Launcher;
  private readonly title: ReturnType<typeof createTitleFlasher>;
  private identify: IdentifyInput | null;
  private locale: string | null;
  private ready = false;

  constructor(
    private readonly win: Window,
    private readonly setup: Setup,
  ) {
    const { settings } = setup;
    this.identify = isIdentify(settings.identify) ? settings.identify : null;
    this.locale = typeof settings.locale === 'string' ? settings.locale : null;
    this.launcher = createLauncher(win.document, setup.frameUrl, () => this.setOpen(!this.launcher.isOpen()));
    this.title = createTitleFlasher(win, win.document);
    if (settings.open) this.launcher.setOpen(true);
    win.addEventListener('message', this.onMessage);
    win.addEventListener('focus', this.onFocusChange);
    win.addEventListener('blur', this.onFocusChange);
    win.document.addEventListener('visibilitychange', this.onFocusChange);
  }

  private post(msg: HostMessage): void {
    if (this.ready) this.launcher.iframe.contentWindow?.postMessage(msg, this.setup.frameOrigin);
  }

  private visible(): boolean {
    return !this.win.document.hidden && this.win.document.hasFocus();
  }

  setOpen(open: boolean): void {
    if (open === this.launcher.isOpen()) return;
    this.launcher.setOpen(open);
    this.post({ sb: 1, type: open ? 'open' : 'close' });
    if (open) this.launcher.iframe.focus();
  }

  private readonly onMessage = (e: MessageEvent): void => {
    const { launcher } = this;
    if (e.source !== launcher.iframe.contentWindow || e.origin !== this.setup.frameOrigin || !isBridgeMessage<FrameMessage>(e.data)) return;
    const msg = e.data;
    if (msg.type === 'ready') {
      this.ready = true;
      const { identify, locale } = this;
      this.post({
        sb: 1,
        type: 'init',
        identify,
        locale,
        pageUrl: this.win.location.href,
        open: launcher.isOpen(),
        visible: this.visible(),
      });
    } else if (msg.type === 'config') launcher.show(msg);
    else if (msg.type === 'unread') launcher.setUnread(msg.count);
    else if (msg.type === 'notify') this.title.flash(msg.title);
    else if (msg.type === 'open') this.setOpen(true);
    else if (msg.type === 'close') {
      this.setOpen(false);
      launcher.button.focus();
    } else if (msg.type === 'error') console.warn(`Switchboard: ${msg.code}`);
  };

  // Focus moving into our own iframe blurs the page window; ask again once focus has settled.
  private readonly onFocusChange = (): void => {
    setTimeout(() => this.post({ sb: 1, type: 'visibility', visible: this.visible() }), 0);
  };

  command(command: Command, arg?: unknown): void {
    if (command === 'open' || command === 'close') this.setOpen(command === 'open');
    else if (command === 'toggle') this.setOpen(!this.launcher.isOpen());
    else if (command === 'identify' && isIdentify(arg)) {
      this.identify = arg;
      this.post({ sb: 1, type: 'identify', identify: arg });
    } else if (command === 'locale' && typeof arg === 'string') {
      this.locale = arg;
      this.post({ sb: 1, type: 'locale', locale: arg });
    } else if (command === 'shutdown') this.shutdown();
    else console.warn(`Switchboard: unknown command or bad argument: ${String(command)}`);
  }

  private shutdown(): void {
    this.win.removeEventListener('message', this.onMessage);
    this.win.removeEventListener('focus', this.onFocusChange);
    this.win.removeEventListener('blur', this.onFocusChange);
    this.win.document.removeEventListener('visibilitychange', this.onFocusChange);
    this.title.stop();
    this.launcher.destroy();
  }
}

/**
 * Mounts the widget once per page: launcher + framed chat, the `Switchboard(...)` API, and the
 * postMessage bridge. Messages are accepted only from our iframe's window and our own origin.
 */
export function boot(win: Window & { Switchboard?: unknown }, script: HTMLScriptElement | null = findScript(win.document)): Widget | null {
  if (win.document.getElementById(HOST_ID)) return null;
  const setup = readSetup(win, script);
  if (!setup) return null;
  const host = new WidgetHost(win, setup);
  const api = ((command: Command, arg?: unknown) => host.command(command, arg)) as SwitchboardApi;
  api.loaded = true;
  win.Switchboard = api;
  for (const args of setup.queued) api(args[0] as Command, args[1]);
  return { launcher: host.launcher, api };
}
