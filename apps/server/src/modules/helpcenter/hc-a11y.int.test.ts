import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createWorkspace, startApp, type TestApp } from '../../test/harness.js';
import { createArticle, createSection } from './test-support.js';

/**
 * axe-core over the server-rendered pages, in happy-dom: structure, names, labels, landmarks,
 * language. happy-dom does no layout, so colour contrast is left to the Playwright run in Chromium.
 */

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function seriousViolations(html: string): Promise<string[]> {
  const window = new Window({ url: 'http://localhost/' });
  try {
    window.document.write(html);
    (window as unknown as { eval(src: string): void }).eval(AXE_SOURCE);
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(window.document, { resultTypes: ['violations'], rules: { 'color-contrast': { enabled: false } } });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  } finally {
    await window.happyDOM.close();
  }
}

let app: TestApp;
const urls: string[] = [];

beforeAll(async () => {
  app = await startApp();
  const ws = await createWorkspace(app);
  const { category, section } = await createSection(app, ws.id);
  const en = await createArticle(app, ws.id, {
    sectionId: section.id,
    title: 'Reset your password',
    text: 'Open the sign-in page.\n\nChoose "Forgot password".',
    tags: ['login'],
  });
  const zh = await createArticle(app, ws.id, {
    sectionId: section.id,
    groupId: en.groupId,
    locale: 'zh-CN',
    title: '重置密码',
    text: '打开登录页面。',
  });
  await createArticle(app, ws.id, { sectionId: section.id, title: 'Sign-in problems', text: 'Check your password.', tags: ['login'] });
  urls.push(
    '/hc/en',
    '/hc/zh-CN',
    `/hc/en/categories/${category.slug}`,
    `/hc/zh-CN/sections/${section.slug}`,
    `/hc/en/articles/${en.id}-${en.slug}`,
    `/hc/en/articles/${en.id}-${en.slug}?feedback=thanks`,
    `/hc/zh-CN/articles/${zh.id}-${zh.slug}`,
    '/hc/en/search?q=password',
    '/hc/zh-CN/search?q=password',
    '/hc/en/search?q=zzzz',
    '/hc/en/sections/no-such-section',
  );
});
afterAll(async () => app?.close());

describe('help-center accessibility', () => {
  it('has no serious or critical axe-core violations on any kind of page', async () => {
    const client = new Client(app);
    const found: Record<string, string[]> = {};
    for (const url of urls) {
      const res = await client.get(url);
      expect([200, 404], url).toContain(res.statusCode);
      found[url] = await seriousViolations(res.body);
    }
    expect(found).toEqual(Object.fromEntries(urls.map((u) => [u, []])));
  });

  it('would catch a page without labels (the check can fail)', async () => {
    expect(
      await seriousViolations('<!doctype html><html lang="en"><head><title>x</title></head><body><main><input></main></body></html>'),
    ).not.toEqual([]);
  });
});
