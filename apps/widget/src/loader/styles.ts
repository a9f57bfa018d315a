/**
 * The launcher's style sheet, inside its shadow root: host-page selectors cannot reach these
 * elements, and `:host` declarations marked !important win over the page's own !important rules
 * on the host element (inner context wins for important declarations).
 */
export const LAUNCHER_CSS = `
:host{all:initial!important;display:block!important;position:fixed!important;z-index:2147483000!important;
width:0!important;height:0!important;bottom:0!important;right:0!important;visibility:visible!important;opacity:1!important;
transform:none!important;contain:none!important;pointer-events:none!important}
*{box-sizing:border-box}
.w{display:none;font:14px/1.4 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif}
.w.ready{display:block}
.b{position:fixed;bottom:20px;right:20px;width:56px;height:56px;border-radius:50%;border:0;padding:0;margin:0;
background:var(--c);color:#fff;cursor:pointer;pointer-events:auto;box-shadow:0 4px 16px rgba(0,0,0,.25);
display:flex;align-items:center;justify-content:center;transition:transform .15s}
.b:hover{transform:scale(1.06)}
.b:focus-visible{outline:3px solid #111;outline-offset:3px}
.b svg{width:28px;height:28px;fill:currentColor}
.left .b{right:auto;left:20px}
.n{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 6px;border-radius:10px;
background:#d92d20;color:#fff;font-size:12px;font-weight:700;line-height:20px;text-align:center}
.n[hidden]{display:none}
.p{position:fixed;bottom:88px;right:20px;width:380px;height:min(640px,calc(100% - 108px));border-radius:14px;
overflow:hidden;background:#fff;box-shadow:0 8px 40px rgba(0,0,0,.28);pointer-events:auto;
visibility:hidden;opacity:0;transform:translateY(12px);transition:opacity .18s,transform .18s,visibility 0s .18s}
.left .p{right:auto;left:20px}
.open .p{visibility:visible;opacity:1;transform:none;transition:opacity .18s,transform .18s}
.p iframe{display:block;width:100%;height:100%;border:0;margin:0;padding:0;background:transparent}
@media (max-width:480px){
.p{inset:0;width:100%;height:100%;border-radius:0}
.open .b{display:none}
}
@media (prefers-reduced-motion:reduce){.p,.b{transition:none}}
`;

export const CHAT_ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 3C6.5 3 2 6.6 2 11c0 2.1 1 4 2.7 5.4L4 21l4.6-2.3c1.1.3 2.2.4 3.4.4 5.5 0 10-3.6 10-8s-4.5-8-10-8z"/></svg>';
export const CLOSE_ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M18.3 5.7a1 1 0 0 0-1.4 0L12 10.6 7.1 5.7a1 1 0 0 0-1.4 1.4l4.9 4.9-4.9 4.9a1 1 0 1 0 1.4 1.4l4.9-4.9 4.9 4.9a1 1 0 0 0 1.4-1.4L13.4 12l4.9-4.9a1 1 0 0 0 0-1.4z"/></svg>';
