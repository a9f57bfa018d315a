import { KB_FEEDBACK_COMMENT_MAX, LOCALES } from '@switchboard/contracts';
import type { ArticleDetail, ArticleListItem, CategoryRow } from './hc.repo.js';
import { html, type SafeHtml, trusted } from './hc-html.js';
import { breadcrumbs, layout, link, localized, type PageContext, type PageMeta } from './hc-layout.js';
import { formatDate } from './hc-messages.js';
import { articlePath, categoryPath, homePath, searchPath, sectionPath } from './hc-urls.js';
import type { KbSearchResult } from './kb-search.js';

/** The portal's new-request form (apps/web paths.portalNewTicket). */
export const PORTAL_NEW_TICKET = '/portal/new';
const DESCRIPTION_CHARS = 160;

/** A page that exists in every UI language at the same path shape (home, category, section). */
function everyLanguage(ctx: PageContext, pathOf: (locale: string) => string): Pick<PageMeta, 'alternates' | 'xDefaultPath' | 'switcher'> {
  const alternates = LOCALES.map((l) => ({ locale: l, path: pathOf(l) }));
  return {
    alternates,
    xDefaultPath: pathOf(ctx.workspace.defaultLocale),
    switcher: Object.fromEntries(alternates.map((a) => [a.locale, a.path])),
  };
}

function articleLinks(ctx: PageContext, items: ArticleListItem[]): SafeHtml {
  return html`<ul>${items.map((a) => html`<li><a href="${link(ctx, articlePath(a.locale, a.id, a.slug))}">${a.title}</a></li>`)}</ul>`;
}

export function homePage(ctx: PageContext, categories: CategoryRow[], top: ArticleListItem[]): string {
  const { t, locale } = ctx;
  const roots = categories.filter((c) => c.parentId === null);
  const cards = roots.map((c) => {
    const sections = categories.filter((s) => s.parentId === c.id);
    const name = localized(c.names, locale, c.slug);
    return html`<li class="card"><h3><a href="${link(ctx, categoryPath(locale, c.slug))}">${name}</a></h3>
${sections.map((s) => {
  const items = top.filter((a) => a.sectionId === s.id);
  if (!items.length) return null;
  return html`<h4><a href="${link(ctx, sectionPath(locale, s.slug))}">${localized(s.names, locale, s.slug)}</a></h4>${articleLinks(ctx, items)}`;
})}</li>`;
  });
  const meta: PageMeta = {
    title: t('meta.title', { workspace: ctx.workspace.name }),
    description: t('meta.description', { workspace: ctx.workspace.name }),
    canonicalPath: homePath(locale),
    ogType: 'website',
    ...everyLanguage(ctx, homePath),
  };
  const body = html`<h1>${t('home.heading')}</h1>
<section aria-labelledby="hc-topics"><h2 id="hc-topics">${t('home.categories')}</h2>
${roots.length ? html`<ul class="cards">${cards}</ul>` : html`<p>${t('home.empty')}</p>`}</section>
${stillNeedHelp(ctx)}`;
  return layout(ctx, meta, body);
}

export function categoryPage(ctx: PageContext, category: CategoryRow, sections: CategoryRow[], top: ArticleListItem[]): string {
  const { t, locale } = ctx;
  const name = localized(category.names, locale, category.slug);
  const meta: PageMeta = {
    title: name,
    description: localized(category.descriptions, locale, '') || t('meta.description', { workspace: ctx.workspace.name }),
    canonicalPath: categoryPath(locale, category.slug),
    ogType: 'website',
    ...everyLanguage(ctx, (l) => categoryPath(l, category.slug)),
  };
  const body = html`${breadcrumbs(ctx, [{ label: name, path: null }])}
<h1>${name}</h1>
${localized(category.descriptions, locale, '') ? html`<p>${localized(category.descriptions, locale, '')}</p>` : null}
<section aria-labelledby="hc-sections"><h2 id="hc-sections">${t('category.sections')}</h2>
<ul class="cards">${sections.map((s) => {
    const items = top.filter((a) => a.sectionId === s.id);
    const total = items[0]?.sectionTotal ?? 0;
    return html`<li class="card"><h3><a href="${link(ctx, sectionPath(locale, s.slug))}">${localized(s.names, locale, s.slug)}</a></h3>
${items.length ? articleLinks(ctx, items) : html`<p class="muted">${t('section.empty')}</p>`}
${total > items.length ? html`<p><a href="${link(ctx, sectionPath(locale, s.slug))}">${t('home.seeAll', { count: total })}</a></p>` : null}</li>`;
  })}</ul></section>
${stillNeedHelp(ctx)}`;
  return layout(ctx, meta, body);
}

export function sectionPage(ctx: PageContext, category: CategoryRow, section: CategoryRow, articles: ArticleListItem[]): string {
  const { t, locale } = ctx;
  const name = localized(section.names, locale, section.slug);
  const meta: PageMeta = {
    title: name,
    description: localized(section.descriptions, locale, '') || t('meta.description', { workspace: ctx.workspace.name }),
    canonicalPath: sectionPath(locale, section.slug),
    ogType: 'website',
    ...everyLanguage(ctx, (l) => sectionPath(l, section.slug)),
  };
  const body = html`${breadcrumbs(ctx, [
    { label: localized(category.names, locale, category.slug), path: categoryPath(locale, category.slug) },
    { label: name, path: null },
  ])}
<h1>${name}</h1>
<section aria-labelledby="hc-articles"><h2 id="hc-articles">${t('section.articles')}</h2>
${articles.length ? articleLinks(ctx, articles) : html`<p>${t('section.empty')}</p>`}</section>
${stillNeedHelp(ctx)}`;
  return layout(ctx, meta, body);
}

export function searchPage(ctx: PageContext, q: string, result: KbSearchResult | null, nextPath: string | null): string {
  const { t, locale } = ctx;
  const items = result?.items ?? [];
  const meta: PageMeta = {
    title: q ? t('search.resultsFor', { q }) : t('search.title'),
    description: t('meta.description', { workspace: ctx.workspace.name }),
    canonicalPath: searchPath(locale),
    ogType: 'website',
    noindex: true,
    query: q,
    ...everyLanguage(ctx, searchPath),
  };
  const list = items.map(
    (hit) => html`<li lang="${hit.locale}"><h2><a href="${link(ctx, hit.url)}">${trusted(hit.titleHtml)}</a></h2>
${hit.fallback ? html`<p class="muted">${t('search.inLanguage', { language: t(`language.${hit.locale === 'zh-CN' ? 'zh-CN' : 'en'}`) })}</p>` : null}
<p>${trusted(hit.snippetHtml)}</p></li>`,
  );
  const body = html`${breadcrumbs(ctx, [{ label: t('search.title'), path: null }])}
<h1>${q ? t('search.resultsFor', { q }) : t('search.title')}</h1>
${result?.fallback && items.length ? html`<p class="warn" role="status">${t('search.fallback')}</p>` : null}
${q && !items.length ? html`<p>${t('search.none')}</p>` : null}
${items.length ? html`<ol class="results">${list}</ol>` : null}
${nextPath ? html`<p><a href="${link(ctx, nextPath)}">${t('search.more')}</a></p>` : null}
${stillNeedHelp(ctx)}`;
  return layout(ctx, meta, body);
}

export interface ArticleView {
  article: ArticleDetail;
  translations: { id: string; locale: string; slug: string; isSource: boolean }[];
  related: ArticleListItem[];
  feedback: 'thanks' | 'limited' | null;
}

function feedbackForm(ctx: PageContext, a: ArticleDetail, state: ArticleView['feedback']): SafeHtml {
  const { t } = ctx;
  if (state === 'thanks') return html`<p class="notice" role="status">${t('feedback.thanks')}</p>`;
  return html`<section aria-labelledby="hc-feedback"><h2 id="hc-feedback">${t('feedback.question')}</h2>
${state === 'limited' ? html`<p class="warn" role="alert">${t('feedback.limited')}</p>` : null}
<form method="post" action="${link(ctx, `${articlePath(a.locale, a.id, a.slug)}/feedback`)}">
<fieldset><legend>${t('feedback.question')}</legend>
<div class="vote"><label><input type="radio" name="helpful" value="yes" required> ${t('feedback.yes')}</label>
<label><input type="radio" name="helpful" value="no"> ${t('feedback.no')}</label></div>
<label for="hc-comment">${t('feedback.comment')}</label>
<textarea id="hc-comment" name="comment" maxlength="${KB_FEEDBACK_COMMENT_MAX}" aria-describedby="hc-comment-hint"></textarea>
<p id="hc-comment-hint" class="muted">${t('feedback.commentHint')}</p>
<button type="submit">${t('feedback.send')}</button>
</fieldset></form></section>`;
}

function stillNeedHelp(ctx: PageContext): SafeHtml {
  const { t } = ctx;
  return html`<aside aria-labelledby="hc-help"><h2 id="hc-help">${t('help.heading')}</h2>
<p>${t('help.text')} <a href="${link(ctx, PORTAL_NEW_TICKET)}">${t('help.ticket')}</a></p></aside>`;
}

export function articlePage(ctx: PageContext, view: ArticleView): string {
  const { t, locale } = ctx;
  const a = view.article;
  const path = (x: { locale: string; id: string; slug: string }) => articlePath(x.locale, x.id, x.slug);
  const byLocale = new Map(view.translations.map((tr) => [tr.locale, tr]));
  const xDefault = byLocale.get(ctx.workspace.defaultLocale) ?? view.translations.find((tr) => tr.isSource) ?? a;
  const text = a.description?.trim() || a.text.replace(/\s+/g, ' ').trim();
  const meta: PageMeta = {
    title: a.title,
    description: text.length > DESCRIPTION_CHARS ? `${text.slice(0, DESCRIPTION_CHARS - 1)}…` : text,
    canonicalPath: path(a),
    ogType: 'article',
    alternates: view.translations.map((tr) => ({ locale: tr.locale, path: path(tr) })),
    xDefaultPath: path(xDefault),
    switcher: Object.fromEntries(
      LOCALES.map((l) => {
        const tr = byLocale.get(l);
        return [l, tr ? path(tr) : homePath(l)];
      }),
    ),
  };
  const { category, section } = a;
  const crumbs = [
    ...(category ? [{ label: localized(category.names, locale, category.slug), path: categoryPath(locale, category.slug) }] : []),
    ...(section ? [{ label: localized(section.names, locale, section.slug), path: sectionPath(locale, section.slug) }] : []),
    { label: a.title, path: null },
  ];
  const body = html`${breadcrumbs(ctx, crumbs)}
<article aria-labelledby="hc-title"><h1 id="hc-title">${a.title}</h1>
${a.publishedAt ? html`<p class="muted">${t('article.updated', { date: formatDate(locale, a.publishedAt, ctx.workspace.timezone) })}</p>` : null}
<div class="body">${trusted(a.html)}</div></article>
${feedbackForm(ctx, a, view.feedback)}
${
  view.related.length
    ? html`<section aria-labelledby="hc-related"><h2 id="hc-related">${t('article.related')}</h2>${articleLinks(
        ctx,
        view.related.map((r) => ({ ...r, sectionTotal: 0 })),
      )}</section>`
    : null
}
${stillNeedHelp(ctx)}`;
  return layout(ctx, meta, body);
}

export function notFoundPage(ctx: PageContext): string {
  const { t } = ctx;
  const meta: PageMeta = {
    title: t('notFound.title'),
    description: t('notFound.text'),
    canonicalPath: homePath(ctx.locale),
    ogType: 'website',
    noindex: true,
    alternates: [],
    xDefaultPath: null,
    switcher: {},
  };
  return layout(
    ctx,
    meta,
    html`<h1>${t('notFound.title')}</h1><p>${t('notFound.text')}</p><p><a href="${link(ctx, homePath(ctx.locale))}">${t('notFound.home')}</a></p>`,
  );
}
