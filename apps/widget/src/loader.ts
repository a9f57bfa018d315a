import { boot, findScript } from './loader/boot.js';

/**
 * The script a host page includes:
 *   <script src="https://HOST/widget/loader.js" data-key="PUBLIC_KEY" async></script>
 * An async script may run before <body> exists; mount as soon as it does.
 */
function start(): void {
  // currentScript is only set while this script runs, so find it before waiting.
  const script = findScript(document);
  if (document.body) boot(window, script);
  else document.addEventListener('DOMContentLoaded', () => boot(window, script), { once: true });
}

start();
