import { LOCALES, type Locale } from '@switchboard/contracts';
import { html, type SafeHtml } from './hc-html.js';
import type { Translate } from './hc-messages.js';
import { homePath, searchPath, withWorkspace } from './hc-urls.js';

/** What every help-center page knows: language, workspace branding, how to build links. */
export interface PageContext {
  locale: Locale;
  t: Translate;
  workspace: { id: string; name: string; logoUrl: string | null; defaultLocale: string; timezone: string };
  /** ?workspace=<slug> kept in links, or null for the host's default workspace */
  linkSlug: string | null;
  publicUrl: string;
}

export interface PageMeta {
  title: string;
  description: string;
  canonicalPath: string;
  /** Each language version of this page (hreflang), this one included. */
  alternates: { locale: string; path: string }[];
  /** The version for languages without one of their own. */
  xDefaultPath: string | null;
  /** Where the language switcher goes for each UI language (the translation, or that language's home). */
  switcher: Record<string, string>;
  ogType: 'website' | 'article';
  /** Search result pages and 404s stay out of search engines. */
  noindex?: boolean;
  query?: string;
}

export const link = (ctx: PageContext, path: string) => withWorkspace(path, ctx.linkSlug);
export const absolute = (ctx: PageContext, path: string) => `${ctx.publicUrl}${link(ctx, path)}`;

const OG_LOCALE: Record<string, string> = { en: 'en_US', 'zh-CN': 'zh_CN' };
/** The brand colour; the workspace has no colour setting yet. 7:1 contrast with white text. */
const ACCENT = '#1d4ed8';

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;color:#1f2937;background:#f9fafb}
a{color:${ACCENT}}a:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}.skip:focus{left:1rem}
.wrap{max-width:64rem;margin:0 auto;padding:0 1rem}
header.top{background:${ACCENT};color:#fff;padding:1rem 0 1.5rem}header.top a{color:#fff}
.bar{display:flex;justify-content:space-between;align-items:center;gap:1rem;flex-wrap:wrap}
.brand{display:flex;align-items:center;gap:.5rem;font-weight:600;font-size:1.15rem;text-decoration:none}.brand img{height:2rem;width:auto}
.langs ul{display:flex;gap:.75rem;list-style:none;margin:0;padding:0}.langs a[aria-current]{font-weight:700}
form.search{display:flex;gap:.5rem;margin-top:1rem}form.search label{position:absolute;left:-999px}
form.search input{flex:1;padding:.6rem .8rem;border:1px solid #9ca3af;border-radius:.4rem;font-size:1rem}
button{padding:.6rem 1rem;border:0;border-radius:.4rem;background:#111827;color:#fff;font-size:1rem;cursor:pointer}
main{padding:1.5rem 0 3rem}h1{font-size:1.8rem;line-height:1.25}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(18rem,1fr));gap:1rem;padding:0;list-style:none}
.card{background:#fff;border:1px solid #e5e7eb;border-radius:.5rem;padding:1rem}
nav.crumbs ol{display:flex;flex-wrap:wrap;gap:.4rem;list-style:none;padding:0;margin:0 0 1rem;font-size:.9rem}
nav.crumbs li+li::before{content:"›";margin-right:.4rem;color:#6b7280}
article .body{background:#fff;border:1px solid #e5e7eb;border-radius:.5rem;padding:1rem 1.5rem;overflow-wrap:anywhere}
article .body img{max-width:100%;height:auto}.muted{color:#4b5563;font-size:.9rem}
mark{background:#fde68a;color:inherit}.results{list-style:none;padding:0}.results li{margin:0 0 1.25rem}
.notice{background:#ecfdf5;border:1px solid #10b981;padding:.75rem 1rem;border-radius:.4rem}
.warn{background:#fffbeb;border:1px solid #f59e0b;padding:.75rem 1rem;border-radius:.4rem}
fieldset{border:1px solid #e5e7eb;border-radius:.5rem;background:#fff;padding:1rem}textarea{width:100%;min-height:5rem;font:inherit;padding:.5rem;border:1px solid #9ca3af;border-radius:.4rem}
.vote{display:flex;gap:1rem;margin:.5rem 0}footer{border-top:1px solid #e5e7eb;padding:1rem 0;color:#4b5563;font-size:.9rem}
`;

function head(ctx: PageContext, meta: PageMeta): SafeHtml {
  const { t } = ctx;
  const siteName = t('meta.title', { workspace: ctx.workspace.name });
  return html`<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${meta.title === siteName ? siteName : `${meta.title} – ${siteName}`}</title>
<meta name="description" content="${meta.description}">
${meta.noindex ? html`<meta name="robots" content="noindex">` : null}
<link rel="canonical" href="${absolute(ctx, meta.canonicalPath)}">
${meta.alternates.map((a) => html`<link rel="alternate" hreflang="${a.locale}" href="${absolute(ctx, a.path)}">\n`)}
${meta.xDefaultPath ? html`<link rel="alternate" hreflang="x-default" href="${absolute(ctx, meta.xDefaultPath)}">` : null}
<meta property="og:type" content="${meta.ogType}">
<meta property="og:title" content="${meta.title}">
<meta property="og:description" content="${meta.description}">
<meta property="og:url" content="${absolute(ctx, meta.canonicalPath)}">
<meta property="og:site_name" content="${siteName}">
<meta property="og:locale" content="${OG_LOCALE[ctx.locale] ?? ctx.locale}">
${ctx.workspace.logoUrl ? html`<meta property="og:image" content="${ctx.workspace.logoUrl}">` : null}
<style>${STYLE}</style>`;
}

function header(ctx: PageContext, meta: PageMeta): SafeHtml {
  const { t } = ctx;
  const languages = LOCALES.map((l) => {
    const current = l === ctx.locale;
    return html`<li><a href="${link(ctx, meta.switcher[l] ?? homePath(l))}" hreflang="${l}" lang="${l}"${current ? html` aria-current="true"` : null}>${t(`language.${l}`)}</a></li>`;
  });
  return html`<header class="top"><div class="wrap">
<div class="bar">
<a class="brand" href="${link(ctx, homePath(ctx.locale))}">${ctx.workspace.logoUrl ? html`<img src="${ctx.workspace.logoUrl}" alt="">` : null}<span>${t('meta.title', { workspace: ctx.workspace.name })}</span></a>
<nav class="langs" aria-label="${t('nav.languages')}"><ul>${languages}</ul></nav>
</div>
<form class="search" role="search" action="${searchPath(ctx.locale)}" method="get">
<label for="hc-q">${t('search.label')}</label>
<input id="hc-q" type="search" name="q" value="${meta.query ?? ''}" placeholder="${t('search.placeholder')}" maxlength="200" autocomplete="off">
${ctx.linkSlug ? html`<input type="hidden" name="workspace" value="${ctx.linkSlug}">` : null}
<button type="submit">${t('search.submit')}</button>
</form>
</div></header>`;
}

/** The whole document around a page body: head (SEO, Open Graph), branding, languages, search, landmarks. */
export function layout(ctx: PageContext, meta: PageMeta, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="${ctx.locale}" dir="ltr">
<head>
${head(ctx, meta)}
</head>
<body>
<a class="skip" href="#main">${ctx.t('nav.skip')}</a>
${header(ctx, meta)}
<main id="main" tabindex="-1"><div class="wrap">
${body}
</div></main>
<footer><div class="wrap">© ${ctx.workspace.name}</div></footer>
</body>
</html>`.value;
}

/** "Home › Category › Section" as an ordered list in a labelled nav. */
export function breadcrumbs(ctx: PageContext, items: { label: string; path: string | null }[]): SafeHtml {
  const all = [{ label: ctx.t('nav.home'), path: homePath(ctx.locale) as string | null }, ...items];
  return html`<nav class="crumbs" aria-label="${ctx.t('nav.breadcrumbs')}"><ol>${all.map((item, i) =>
    i === all.length - 1 || !item.path
      ? html`<li><span aria-current="page">${item.label}</span></li>`
      : html`<li><a href="${link(ctx, item.path)}">${item.label}</a></li>`,
  )}</ol></nav>`;
}

/** A localized name from a { locale: text } map: this language, else English, else any. */
export function localized(names: Record<string, string> | null | undefined, locale: string, fallback: string): string {
  if (!names) return fallback;
  return names[locale] ?? names.en ?? Object.values(names)[0] ?? fallback;
}
