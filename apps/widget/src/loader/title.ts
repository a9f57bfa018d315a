/**
 * Flashes the host page's title while a new reply waits unseen (tab in background or window not
 * focused), and restores it as soon as the visitor looks at the page again.
 */
export function createTitleFlasher(win: Window, doc: Document) {
  let timer: ReturnType<typeof setInterval> | undefined;
  let original = '';

  const stop = () => {
    if (timer === undefined) return;
    clearInterval(timer);
    timer = undefined;
    doc.title = original;
  };

  return {
    flash(text: string) {
      if (!doc.hidden && doc.hasFocus()) return;
      if (timer === undefined) original = doc.title;
      else clearInterval(timer);
      let on = false;
      const tick = () => {
        on = !on;
        doc.title = on ? text : original;
      };
      tick();
      timer = setInterval(tick, 1200);
      const done = () => {
        if (doc.hidden) return;
        stop();
        win.removeEventListener('focus', done);
        doc.removeEventListener('visibilitychange', done);
      };
      win.addEventListener('focus', done);
      doc.addEventListener('visibilitychange', done);
    },
    stop,
  };
}
