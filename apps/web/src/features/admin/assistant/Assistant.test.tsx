import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Flow, HandoffRule, ProviderSettings } from '../../../api/assistant.api';
import type { Me } from '../../../api/types';
import { problem, renderApp, session } from '../../../test/renderApp';
import { adminUser, agentUser } from '../adminFixtures';

type Handler = (body: unknown, url: URL) => { status: number; body?: unknown };
type User = ReturnType<typeof userEvent.setup>;

const at = '2026-03-04T11:00:00.000Z';
const team = { id: '00000000-0000-4000-8000-0000000000d1', name: 'Billing' };

function signedInAs(user: Me, extra: Record<string, Handler> = {}): Record<string, Handler> {
  return {
    'GET /auth/session': () => ({ status: 200, body: session({ user }) }),
    'GET /teams': () => ({ status: 200, body: { items: [team] } }),
    'GET /assistant/qa': () => ({ status: 200, body: { items: [] } }),
    ...extra,
  };
}

/** Pasting is much faster than typing in happy-dom and fires the same onChange. */
async function fill(user: User, element: HTMLElement, text: string) {
  await user.click(element);
  await user.clear(element);
  if (text) await user.paste(text);
}

const sent = (requests: { method: string; path: string; body: unknown }[], method: string, path: string) =>
  requests.filter((r) => r.method === method && r.path === path).map((r) => r.body);

/** The error text Mantine links to an input through aria-describedby. */
function errorOf(input: HTMLElement): string | null | undefined {
  const id = input
    .getAttribute('aria-describedby')
    ?.split(' ')
    .find((candidate) => candidate.includes('error'));
  return id ? document.getElementById(id)?.textContent : null;
}

beforeAll(() => import('../pages'));

describe('assistant admin access', { timeout: 40_000 }, () => {
  it('refuses agents and never asks the server for assistant data', async () => {
    const { requests } = await renderApp('/admin/assistant-flows', signedInAs(agentUser));
    expect(await screen.findByRole('heading', { name: "You don't have access to this page" })).toBeTruthy();
    expect(requests.some((r) => r.path.startsWith('/assistant'))).toBe(false);
  });

  it('refuses the try-it console to an administrator without bot.manage', async () => {
    const noBot: Me = { ...adminUser, role: 'ops', permissions: adminUser.permissions.filter((p) => p !== 'bot.manage') };
    const { requests } = await renderApp('/admin/assistant-try', signedInAs(noBot));
    expect(await screen.findByRole('heading', { name: "You don't have access to this page" })).toBeTruthy();
    expect(requests.some((r) => r.path.startsWith('/assistant'))).toBe(false);
  });

  it('lists the assistant screens under their own heading', async () => {
    await renderApp('/admin/assistant-qa', signedInAs(adminUser));
    expect(await screen.findByText('There are no Q&A pairs yet.')).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Admin console sections' });
    expect(within(nav).getByText('Assistant')).toBeTruthy();
    expect(within(nav).getByRole('link', { name: 'Q&A pairs' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).getByRole('link', { name: 'Try it' }).getAttribute('href')).toBe('/admin/assistant-try');
  });
});

describe('assistant settings', { timeout: 40_000 }, () => {
  const settings = {
    enabled: true,
    answerThreshold: 0.6,
    clarifyThreshold: 0.35,
    maxFailedTurns: 2,
    handoffKeywords: [],
    source: 'default',
    updatedAt: null,
  };
  const triage = {
    enabled: true,
    thresholds: { category: 0.85, team: 0.85, priority: 1, language: 1 },
    retrainAfterCorrections: 20,
    source: 'saved',
    updatedAt: at,
    pendingCorrections: 3,
    models: [{ field: 'category', version: 4, labels: 6, examples: 120, trainedAt: at }],
  };

  it('sends the thresholds and shows the server refusal at the clarify field', async () => {
    const { requests } = await renderApp(
      '/admin/assistant-settings',
      signedInAs(adminUser, {
        'GET /assistant/settings': () => ({ status: 200, body: settings }),
        'GET /assistant/triage-settings': () => ({ status: 200, body: triage }),
        'PUT /assistant/settings': () => problem(400, 'assistant.settings_invalid'),
        'POST /assistant/triage/retrain': () => ({ status: 202, body: { queued: true } }),
      }),
    );
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Chat assistant' });
    expect(within(form).getByText('Defaults (not saved yet)')).toBeTruthy();
    await fill(user, within(form).getByRole('textbox', { name: /^Clarify threshold/ }), '0.7');
    await fill(user, within(form).getByRole('textbox', { name: /^Turns without an answer/ }), '3');
    const keywords = within(form).getByLabelText(/^Extra handoff phrases/);
    await user.click(keywords);
    // A pasted phrase becomes a tag at once (typing it would need Enter).
    await user.paste('agent please');
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    const clarify = within(form).getByRole('textbox', { name: /^Clarify threshold/ });
    await waitFor(() => expect(clarify.getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(clarify)).toBe('The assistant settings are not valid: check the thresholds.');
    expect(sent(requests, 'PUT', '/assistant/settings')).toEqual([
      { enabled: true, answerThreshold: 0.6, clarifyThreshold: 0.7, maxFailedTurns: 3, handoffKeywords: ['agent please'] },
    ]);

    // Triage: the model list and a retraining on demand.
    const triageForm = screen.getByRole('form', { name: 'Auto-triage' });
    expect(within(triageForm).getByText('6 labels from 120 tickets')).toBeTruthy();
    expect(within(triageForm).getByText('3 corrections since the last training.')).toBeTruthy();
    await user.click(within(triageForm).getByRole('button', { name: 'Retrain now' }));
    expect(await within(triageForm).findByText(/Retraining is queued/)).toBeTruthy();
    expect(sent(requests, 'POST', '/assistant/triage/retrain')).toHaveLength(1);
  });
});

describe('Q&A pairs', { timeout: 40_000 }, () => {
  it('sends one question per line and puts a server error on the questions field', async () => {
    const { requests } = await renderApp(
      '/admin/assistant-qa',
      signedInAs(adminUser, {
        'POST /assistant/qa': () =>
          problem(400, 'validation.failed', { errors: [{ path: 'questions.1', message: 'Too long', code: 'too_big' }] }),
      }),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New Q&A pair' }));
    const dialog = await screen.findByRole('dialog', { name: 'New Q&A pair' });
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Language' }), 'zh-CN');
    await fill(user, within(dialog).getByRole('textbox', { name: /^Questions/ }), '怎么退货\n\n  退货流程是什么  ');
    await fill(user, within(dialog).getByRole('textbox', { name: /^Answer/ }), '在订单页面点击“退货”。');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    const questions = within(dialog).getByRole('textbox', { name: /^Questions/ });
    await waitFor(() => expect(questions.getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(questions)).toBe('This value is too long.');
    expect(sent(requests, 'POST', '/assistant/qa')).toEqual([
      { locale: 'zh-CN', questions: ['怎么退货', '退货流程是什么'], answer: '在订单页面点击“退货”。', enabled: true },
    ]);
  });
});

describe('flow editor', { timeout: 60_000 }, () => {
  const routes = (flows: Flow[], extra: Record<string, Handler>) =>
    signedInAs(adminUser, {
      'GET /assistant/flows': () => ({ status: 200, body: { items: flows } }),
      'GET /assistant/flow-settings': () => ({ status: 200, body: { actionAllowHosts: [] } }),
      ...extra,
    });

  it('builds a valid two-slot flow from the step editor', async () => {
    const { requests } = await renderApp(
      '/admin/assistant-flows',
      routes([], {
        'POST /assistant/flows': (body) => ({
          status: 201,
          body: { id: '00000000-0000-4000-8000-0000000000f1', createdAt: at, updatedAt: at, ...(body as object) },
        }),
      }),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New flow' }));
    const dialog = await screen.findByRole('dialog', { name: 'New flow' });
    await fill(user, within(dialog).getByRole('textbox', { name: /^Name/ }), 'Order status');
    await user.click(within(dialog).getByLabelText(/^Keywords/));
    await user.paste('where is my order');

    // Step 1: ask for the email address.
    const first = within(dialog).getByRole('group', { name: 'Step 1 (step_1)' });
    await fill(user, within(first).getByRole('textbox', { name: 'Step id' }), 'email');
    await fill(user, within(first).getByRole('textbox', { name: /^Slot/ }), 'email');
    await fill(user, within(first).getByRole('textbox', { name: /^Question to ask/ }), 'What is your email address?');

    // Step 2: ask for the order number.
    await user.click(within(dialog).getByRole('button', { name: 'Add step' }));
    const second = within(dialog).getByRole('group', { name: 'Step 2 (step_2)' });
    await user.selectOptions(within(second).getByRole('combobox', { name: 'Kind' }), 'ask');
    await fill(user, within(second).getByRole('textbox', { name: 'Step id' }), 'order');
    await fill(user, within(second).getByRole('textbox', { name: /^Slot/ }), 'order');
    await user.selectOptions(within(second).getByRole('combobox', { name: 'Detail' }), 'order_number');
    await fill(user, within(second).getByRole('textbox', { name: /^Question to ask/ }), 'And the order number?');

    // Step 3: answer and end.
    await user.click(within(dialog).getByRole('button', { name: 'Add step' }));
    const third = within(dialog).getByRole('group', { name: 'Step 3 (step_3)' });
    await fill(user, within(third).getByRole('textbox', { name: /^Answer text/ }), 'Thanks, we are looking it up.');

    await user.selectOptions(
      within(within(dialog).getByRole('group', { name: 'Step 1 (email)' })).getByRole('combobox', { name: 'Then go to' }),
      'order',
    );
    await user.selectOptions(
      within(within(dialog).getByRole('group', { name: 'Step 2 (order)' })).getByRole('combobox', { name: 'Then go to' }),
      'step_3',
    );
    expect((within(dialog).getByRole('combobox', { name: 'First step' }) as HTMLSelectElement).value).toBe('email');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(sent(requests, 'POST', '/assistant/flows')).toEqual([
      {
        name: 'Order status',
        enabled: true,
        trigger: { intent: null, keywords: ['where is my order'], qaIds: [] },
        start: 'email',
        steps: [
          { id: 'email', type: 'ask', slot: 'email', prompt: 'What is your email address?', validate: { entity: 'email' }, next: 'order' },
          {
            id: 'order',
            type: 'ask',
            slot: 'order',
            prompt: 'And the order number?',
            validate: { entity: 'order_number' },
            next: 'step_3',
          },
          { id: 'step_3', type: 'answer', text: 'Thanks, we are looking it up.' },
        ],
      },
    ]);
  });

  it("shows the server's graph errors next to the step field they name", async () => {
    const flow: Flow = {
      id: '00000000-0000-4000-8000-0000000000f2',
      name: 'Refunds',
      enabled: true,
      trigger: { intent: { name: 'refund', examples: ['I want my money back'] }, keywords: [], qaIds: [] },
      start: 'ask_order',
      steps: [
        { id: 'ask_order', type: 'ask', slot: 'order', prompt: 'Order number?', validate: { regex: '^(\\d{6})$' }, next: 'check' },
        {
          id: 'check',
          type: 'action',
          method: 'GET',
          url: 'https://shop.example.com/orders/{{slots.order}}',
          headers: { Accept: 'application/json' },
          timeoutMs: 5000,
          next: 'done',
        },
        { id: 'done', type: 'answer', text: 'Status: {{result.body.status}}' },
      ],
      createdAt: at,
      updatedAt: at,
    };
    const { requests } = await renderApp(
      '/admin/assistant-flows',
      routes([flow], {
        [`PUT /assistant/flows/${flow.id}`]: () =>
          problem(422, 'assistant_flow.invalid', {
            errors: [
              { path: 'steps.1.next', message: 'No step "done"', code: 'dangling_step' },
              { path: 'steps.0.validate.regex', message: 'Not a valid regular expression', code: 'invalid_regex' },
            ],
          }),
      }),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit Refunds' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit Refunds' });
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(await within(dialog).findByText('The flow is not valid: check the highlighted steps.')).toBeTruthy();
    const action = within(dialog).getByRole('group', { name: 'Step 2 (check)' });
    const next = within(action).getByRole('combobox', { name: 'Then go to' });
    expect(next.getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(next)).toBe('This step does not exist.');
    const regex = within(within(dialog).getByRole('group', { name: 'Step 1 (ask_order)' })).getByRole('textbox', {
      name: 'Regular expression',
    });
    expect(errorOf(regex)).toBe('This is not a valid regular expression.');
    // The stored flow went back unchanged, headers and all.
    expect(sent(requests, 'PUT', `/assistant/flows/${flow.id}`)).toEqual([
      {
        name: 'Refunds',
        enabled: true,
        trigger: flow.trigger,
        start: 'ask_order',
        steps: flow.steps,
      },
    ]);
  });
});

describe('handoff rules', { timeout: 40_000 }, () => {
  const rule = (n: number, name: string): HandoffRule => ({
    id: `00000000-0000-4000-8000-00000000010${n}`,
    name,
    enabled: true,
    position: n,
    condition: { kind: 'human_request', builtin: true, phrases: [] },
    teamId: null,
    createdAt: at,
    updatedAt: at,
  });
  const rules = [rule(0, 'Asks for a person'), rule(1, 'Frustrated')];

  it('moves a rule by writing positions and creates one by condition kind', async () => {
    const { requests } = await renderApp(
      '/admin/assistant-handoff',
      signedInAs(adminUser, {
        'GET /assistant/handoff-rules': () => ({ status: 200, body: { items: rules } }),
        [`PUT /assistant/handoff-rules/${rules[0]?.id}`]: (body) => ({ status: 200, body: { ...rules[0], ...(body as object) } }),
        [`PUT /assistant/handoff-rules/${rules[1]?.id}`]: (body) => ({ status: 200, body: { ...rules[1], ...(body as object) } }),
        'POST /assistant/handoff-rules': () =>
          problem(400, 'validation.failed', { errors: [{ path: 'condition.count', message: 'Too big', code: 'too_big' }] }),
      }),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Move Frustrated up' }));
    await waitFor(() => expect(requests.filter((r) => r.method === 'PUT')).toHaveLength(2));
    expect(sent(requests, 'PUT', `/assistant/handoff-rules/${rules[1]?.id}`)).toEqual([
      { name: 'Frustrated', enabled: true, position: 0, condition: rules[1]?.condition, teamId: null },
    ]);
    expect(sent(requests, 'PUT', `/assistant/handoff-rules/${rules[0]?.id}`)).toEqual([
      { name: 'Asks for a person', enabled: true, position: 1, condition: rules[0]?.condition, teamId: null },
    ]);

    await user.click(screen.getByRole('button', { name: 'New handoff rule' }));
    const dialog = await screen.findByRole('dialog', { name: 'New handoff rule' });
    await fill(user, within(dialog).getByRole('textbox', { name: /^Name/ }), 'Stuck');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'When' }), 'failed_turns');
    await fill(user, within(dialog).getByRole('textbox', { name: /^Number of turns/ }), '3');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: /^Team/ }), team.id);
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    const count = within(dialog).getByRole('textbox', { name: /^Number of turns/ });
    await waitFor(() => expect(count.getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(count)).toBe('This value is too long.');
    expect(sent(requests, 'POST', '/assistant/handoff-rules')).toEqual([
      { name: 'Stuck', enabled: true, position: 2, condition: { kind: 'failed_turns', count: 3 }, teamId: team.id },
    ]);
  });
});

describe('model provider', { timeout: 40_000 }, () => {
  const provider: ProviderSettings = {
    configured: true,
    enabled: true,
    baseUrl: 'https://api.openai.com/v1',
    model: 'gpt-4o-mini',
    hasApiKey: true,
    timeoutMs: 8000,
    monthlyTokenBudget: null,
    allowPrivateNetwork: false,
    updatedAt: at,
    usage: { month: '2026-03', tokens: 1200, calls: 4, fallbacks: 1, budgetExhausted: false },
  };
  const call = {
    id: '00000000-0000-4000-8000-0000000000e1',
    purpose: 'answer',
    ticketId: null,
    sessionId: null,
    model: 'gpt-4o-mini',
    outcome: 'timeout',
    httpStatus: null,
    promptTokens: 0,
    completionTokens: 0,
    totalTokens: 0,
    latencyMs: 8001,
    masked: { email: 1 },
    error: 'timed out after 8000 ms',
    createdAt: at,
  };

  it('keeps the key write-only, puts URL refusals at the field, and tests the connection', async () => {
    let put = 0;
    const { requests } = await renderApp(
      '/admin/assistant-provider',
      signedInAs(adminUser, {
        'GET /assistant/provider': () => ({ status: 200, body: provider }),
        'GET /assistant/provider/calls': () => ({ status: 200, body: { items: [call] } }),
        'PUT /assistant/provider': (body) => {
          put += 1;
          return put === 1
            ? problem(400, 'assistant.provider_url_invalid', {
                errors: [{ path: 'baseUrl', message: 'private address', code: 'invalid' }],
              })
            : { status: 200, body: { ...provider, baseUrl: (body as { baseUrl: string }).baseUrl } };
        },
        'POST /assistant/provider/test': () =>
          problem(503, 'assistant.provider_failed', { detail: 'The model provider failed (http_error): HTTP 401 (check the API key)' }),
      }),
    );
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Provider settings' });
    expect(within(form).getByText('Key saved')).toBeTruthy();
    expect(await screen.findByText('Timed out')).toBeTruthy();
    expect(screen.getByText('email × 1')).toBeTruthy();

    await fill(user, within(form).getByRole('textbox', { name: /^Base URL/ }), 'http://10.0.0.5:11434/v1');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    const baseUrl = within(form).getByRole('textbox', { name: /^Base URL/ });
    await waitFor(() => expect(baseUrl.getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(baseUrl)).toMatch(/^This provider URL is not allowed/);

    await user.click(within(form).getByRole('switch', { name: /^Allow private network addresses/ }));
    await user.click(within(form).getByRole('button', { name: 'Replace' }));
    await fill(user, within(form).getByLabelText(/^API key/), 'sk-local');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('Saved.')).toBeTruthy();
    const bodies = sent(requests, 'PUT', '/assistant/provider');
    // First try: the key was not touched, so it is not sent at all.
    expect(bodies[0]).not.toHaveProperty('apiKey');
    expect(bodies[1]).toEqual({
      enabled: true,
      baseUrl: 'http://10.0.0.5:11434/v1',
      model: 'gpt-4o-mini',
      apiKey: 'sk-local',
      timeoutMs: 8000,
      monthlyTokenBudget: null,
      allowPrivateNetwork: true,
    });

    await user.click(within(form).getByRole('button', { name: 'Test connection' }));
    expect(await within(form).findByText('The model provider could not be reached or gave an error.')).toBeTruthy();
    expect(within(form).getByText(/HTTP 401 \(check the API key\)/)).toBeTruthy();
  });
});

describe('try it', { timeout: 40_000 }, () => {
  it("shows the decision, the chosen passage and the candidates' scores", async () => {
    const articleId = '00000000-0000-4000-8000-0000000000a7';
    const { requests } = await renderApp(
      '/admin/assistant-try',
      signedInAs(adminUser, {
        'POST /assistant/try': () => ({
          status: 200,
          body: {
            language: 'en',
            sentiment: { label: 'neutral', negative: 0.1, frustration: 'none' },
            candidates: [
              {
                articleId,
                title: 'Reset your password',
                locale: 'en',
                passage: 'Open Settings, then Security.',
                score: 7.25,
                confidence: 0.82,
              },
            ],
            action: 'answer',
            reason: 'confidence 0.82 ≥ answer threshold 0.60',
            chosen: { articleId, title: 'Reset your password', passage: 'Open Settings, then Security.', url: '/help/articles/reset' },
            reply: 'Open Settings, then Security.',
            quickReplies: ['That helped', 'Talk to a person'],
            latencyMs: 12,
            intent: { name: 'password_reset', confidence: 0.91 },
            qaPair: null,
            flow: null,
          },
        }),
      }),
    );
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Try a message' });
    await fill(user, within(form).getByRole('textbox', { name: 'Visitor message' }), 'how do I reset my password');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Language' }), 'en');
    await user.click(within(form).getByRole('button', { name: 'Try it' }));

    const result = await screen.findByRole('region', { name: 'Result' });
    expect(within(result).getByText('Answer')).toBeTruthy();
    expect(within(result).getByText('confidence 0.82 ≥ answer threshold 0.60')).toBeTruthy();
    expect(within(result).getByText('Intent: password_reset (91 %)')).toBeTruthy();
    expect(within(result).getByRole('link', { name: 'Reset your password' }).getAttribute('href')).toBe('/help/articles/reset');
    const candidates = within(result).getByRole('table', { name: 'Candidate passages' });
    expect(within(candidates).getByText('82%')).toBeTruthy();
    expect(within(candidates).getByText('7.250')).toBeTruthy();
    expect(sent(requests, 'POST', '/assistant/try')).toEqual([{ text: 'how do I reset my password', locale: 'en' }]);
  });

  it("lists a ticket's decisions from a pasted ticket link", async () => {
    const ticketId = '00000000-0000-4000-8000-0000000000c9';
    const { requests } = await renderApp(
      '/admin/assistant-try',
      signedInAs(adminUser, {
        'GET /assistant/decisions': (_body, url) => ({
          status: 200,
          body: {
            items:
              url.searchParams.get('ticketId') === ticketId
                ? [
                    {
                      id: '00000000-0000-4000-8000-0000000000d9',
                      sessionId: null,
                      ticketId,
                      inputText: 'I want a human',
                      language: 'en',
                      sentiment: { label: 'negative', negative: 0.7, frustration: 'medium' },
                      candidates: [],
                      action: 'handoff',
                      reason: 'Rule "Asks for a person"',
                      latencyMs: 5,
                      createdAt: at,
                    },
                  ]
                : [],
          },
        }),
      }),
    );
    const user = userEvent.setup();
    const log = await screen.findByRole('region', { name: 'Decision log' });
    await fill(user, within(log).getByRole('textbox', { name: /^Ticket/ }), `${window.location.origin}/inbox/tickets/${ticketId}`);
    expect(await within(log).findByText('I want a human')).toBeTruthy();
    expect(within(log).getByText('Rule "Asks for a person"')).toBeTruthy();
    expect(requests.some((r) => r.path === '/assistant/decisions')).toBe(true);
    await user.selectOptions(within(log).getByRole('combobox', { name: 'Decision' }), 'answer');
    expect(await within(log).findByText('No decisions of this kind.')).toBeTruthy();
  });
});
