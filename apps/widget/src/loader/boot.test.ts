import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FrameMessage, HostMessage } from '../shared/bridge.js';
import { boot, type SwitchboardApi } from './boot.js';
import { HOST_ID } from './launcher.js';

const FRAME_ORIGIN = 'https://chat.example.com';
type TestWindow = Window & { Switchboard?: unknown };

function addScript(key = 'pk_test_123'): HTMLScriptElement {
  const script = document.createElement('script');
  script.setAttribute('src', `${FRAME_ORIGIN}/widget/loader.js`);
  script.dataset.key = key;
  // Not attached: happy-dom would try to fetch it. boot() is handed the element, as start() does.
  return script;
}

/** happy-dom logs "Iframe page loading is disabled" once per mount: expected, the frame is not under test here. */
function mount() {
  const widget = boot(window as TestWindow, addScript());
  if (!widget) throw new Error('widget did not mount');
  // happy-dom does not load cross-origin frames: stand in for the frame's window.
  const received: HostMessage[] = [];
  const frameWindow = {
    postMessage(msg: HostMessage, origin: string) {
      if (origin === FRAME_ORIGIN) received.push(msg);
    },
  } as unknown as Window;
  Object.defineProperty(widget.launcher.iframe, 'contentWindow', { value: frameWindow });
  const fromFrame = (data: FrameMessage, origin = FRAME_ORIGIN, source: Window | null = frameWindow) =>
    window.dispatchEvent(new MessageEvent('message', { data, origin, source }));
  return { ...widget, received, fromFrame };
}

const config: FrameMessage = {
  sb: 1,
  type: 'config',
  color: '#ff0066',
  position: 'left',
  labels: { open: 'Chat öffnen', close: 'Schließen', unread: '{{count}} neu' },
};

afterEach(() => {
  (window as TestWindow).Switchboard = undefined;
  document.head.innerHTML = '';
  document.body.innerHTML = '';
  document.title = '';
});

describe('loader', () => {
  it('creates exactly one launcher and one iframe, pointing at the frame with the key, even if included twice', () => {
    const { launcher } = mount();
    expect(boot(window as TestWindow, addScript())).toBeNull();
    expect(document.querySelectorAll(`#${HOST_ID}`)).toHaveLength(1);
    expect(launcher.root.querySelectorAll('iframe')).toHaveLength(1);
    expect(launcher.root.querySelectorAll('button')).toHaveLength(1);
    expect(launcher.iframe.src).toBe(`${FRAME_ORIGIN}/widget/frame.html?key=pk_test_123`);
  });

  it('keeps its elements out of reach of hostile host-page CSS', () => {
    const hostile = document.createElement('style');
    hostile.textContent =
      'body * { display: none !important; } iframe, button { display: none !important; } div { all: unset !important; }';
    document.head.appendChild(hostile);
    const { launcher, fromFrame } = mount();
    fromFrame(config);
    // Page selectors do not cross the shadow boundary: the page cannot even select our elements.
    expect(document.querySelectorAll('iframe, button')).toHaveLength(0);
    expect(getComputedStyle(launcher.host).display).toBe('block');
    expect(getComputedStyle(launcher.button).display).not.toBe('none');
    expect(launcher.root.querySelector('style')?.textContent).toContain(':host{all:initial!important;display:block!important');
  });

  it('stays hidden until the frame sends the channel config, then applies colour, side and labels', () => {
    const { launcher, fromFrame } = mount();
    const wrap = launcher.root.querySelector('.w') as HTMLElement;
    expect(wrap.classList.contains('ready')).toBe(false);
    fromFrame(config);
    expect(wrap.classList.contains('ready')).toBe(true);
    expect(wrap.classList.contains('left')).toBe(true);
    expect(wrap.style.getPropertyValue('--c')).toBe('#ff0066');
    expect(launcher.button.getAttribute('aria-label')).toBe('Chat öffnen');
  });

  it('ignores messages from other windows or origins', () => {
    const { launcher, fromFrame } = mount();
    fromFrame(config, 'https://evil.example.net');
    fromFrame(config, FRAME_ORIGIN, window);
    expect(launcher.root.querySelector('.w')?.classList.contains('ready')).toBe(false);
  });

  it('answers the frame handshake with identity, locale and page, only to the frame origin', () => {
    (window as TestWindow).Switchboard = { identify: { userId: 'u1', email: 'a@b.co', hash: 'ab'.repeat(32) }, locale: 'zh-CN' };
    const { received, fromFrame } = mount();
    fromFrame({ sb: 1, type: 'ready' });
    expect(received[0]).toMatchObject({
      type: 'init',
      identify: { userId: 'u1' },
      locale: 'zh-CN',
      pageUrl: 'https://shop.example.com/',
      open: false,
    });
  });

  it('opens and closes from the bubble and the JS API, telling the frame', () => {
    const { launcher, received, fromFrame } = mount();
    fromFrame({ sb: 1, type: 'ready' });
    launcher.button.click();
    expect(launcher.isOpen()).toBe(true);
    expect(launcher.button.getAttribute('aria-expanded')).toBe('true');
    (window as unknown as { Switchboard: SwitchboardApi }).Switchboard('close');
    expect(launcher.isOpen()).toBe(false);
    expect(received.map((m) => m.type)).toEqual(['init', 'open', 'close']);
  });

  it('replays calls queued before it loaded', () => {
    const stub = Object.assign((...args: unknown[]) => stub.q.push(args), { q: [] as unknown[][] });
    stub('open');
    (window as TestWindow).Switchboard = stub;
    const { launcher } = mount();
    expect(launcher.isOpen()).toBe(true);
  });

  it('shows the unread badge in the button and its accessible name', () => {
    const { launcher, fromFrame } = mount();
    fromFrame(config);
    fromFrame({ sb: 1, type: 'unread', count: 3 });
    const badge = launcher.root.querySelector('.n') as HTMLElement;
    expect(badge.hidden).toBe(false);
    expect(badge.textContent).toBe('3');
    expect(launcher.button.getAttribute('aria-label')).toBe('Chat öffnen (3 neu)');
    fromFrame({ sb: 1, type: 'unread', count: 0 });
    expect(badge.hidden).toBe(true);
  });

  it('flashes the page title for a new reply while the page is not focused, and restores it on focus', () => {
    document.title = 'Shop';
    vi.spyOn(document, 'hasFocus').mockReturnValue(false);
    const { fromFrame } = mount();
    fromFrame({ sb: 1, type: 'notify', title: 'New message from Ada' });
    expect(document.title).toBe('New message from Ada');
    window.dispatchEvent(new Event('focus'));
    expect(document.title).toBe('Shop');
  });

  it('returns focus to the bubble when the frame asks to close', () => {
    const { launcher, fromFrame } = mount();
    launcher.button.click();
    fromFrame({ sb: 1, type: 'close' });
    expect(launcher.isOpen()).toBe(false);
    expect(launcher.root.activeElement).toBe(launcher.button);
  });
});
