import { render } from 'preact';
import { App } from './App.js';
import { createFrameBridge } from './bridge.js';
import { ChatController } from './controller.js';
import './styles.css';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // Blocked third-party storage throws on access: chat still works, without history across visits.
    return null;
  }
}

const key = new URLSearchParams(window.location.search).get('key') ?? '';
let ctl: ChatController | null = null;
const bridge = createFrameBridge(window, (msg) => ctl?.onHostMessage(msg));
ctl = new ChatController({ publicKey: key, bridge, storage: storage(), languages: navigator.languages ?? [navigator.language] });
const root = document.getElementById('app');
if (root) render(<App ctl={ctl} />, root);

if (bridge.framed) bridge.send({ sb: 1, type: 'ready' });
// Opened directly (a "chat with us" link): this page is its own host.
else ctl.onHostMessage({ sb: 1, type: 'init', identify: null, locale: null, pageUrl: window.location.href, open: true, visible: true });
