import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ProviderOutcome } from '@switchboard/contracts';
import { addressProblem, completionsUrl } from './provider-url.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface CompletionRequest {
  baseUrl: URL;
  apiKey: string | null;
  model: string;
  messages: ChatMessage[];
  timeoutMs: number;
  allowPrivateNetwork: boolean;
  maxTokens: number;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export type CompletionResult =
  | { ok: true; content: string; model: string; usage: Usage; status: number }
  | {
      ok: false;
      outcome: Exclude<ProviderOutcome, 'ok' | 'refused' | 'budget_exhausted'>;
      status: number | null;
      error: string;
      usage: Usage;
    };

const NO_USAGE: Usage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
const MAX_RESPONSE_BYTES = 1024 * 1024;

class BlockedAddress extends Error {}

/** Resolves like the default lookup, then refuses addresses the workspace may not reach. */
function guardedLookup(allowPrivateNetwork: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as dns.LookupAddress[];
      for (const a of list) {
        const problem = addressProblem(a.address, allowPrivateNetwork);
        if (problem) return callback(new BlockedAddress(`${hostname} resolves to ${problem}`), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      const first = list[0];
      if (!first) return callback(new Error(`${hostname} has no address`), '', 0);
      callback(null, first.address, first.family);
    });
  };
}

/** Rough token count when a server reports no usage (about 4 characters per token). */
const estimate = (chars: number) => Math.ceil(chars / 4);

function usageOf(
  body: { usage?: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number } },
  req: CompletionRequest,
  content: string,
): Usage {
  const u = body.usage;
  if (u && typeof u.prompt_tokens === 'number') {
    const completionTokens = u.completion_tokens ?? 0;
    return { promptTokens: u.prompt_tokens, completionTokens, totalTokens: u.total_tokens ?? u.prompt_tokens + completionTokens };
  }
  const promptTokens = estimate(req.messages.reduce((n, m) => n + m.content.length, 0));
  const completionTokens = estimate(content.length);
  return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens };
}

/**
 * One `POST {baseUrl}/chat/completions` (OpenAI, Azure, Ollama, vLLM, llama.cpp server).
 * Never throws: every failure is an outcome. No redirects are followed; the whole call,
 * connection included, is bounded by `timeoutMs`; responses over 1 MB are cut off.
 */
export function chatCompletion(req: CompletionRequest): Promise<CompletionResult> {
  const url = completionsUrl(req.baseUrl);
  const payload = JSON.stringify({ model: req.model, messages: req.messages, temperature: 0.2, max_tokens: req.maxTokens, stream: false });
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
    'content-length': String(Buffer.byteLength(payload)),
  };
  if (req.apiKey) {
    headers.authorization = `Bearer ${req.apiKey}`;
    // Azure OpenAI reads its key from `api-key`; it only goes to Azure's own hosts.
    if (/\.azure\.com$|\.azure-api\.net$/i.test(url.hostname)) headers['api-key'] = req.apiKey;
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: CompletionResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const fail = (outcome: Exclude<CompletionResult, { ok: true }>['outcome'], status: number | null, error: string) =>
      done({ ok: false, outcome, status, error, usage: NO_USAGE });
    const request = client.request(url, { method: 'POST', headers, lookup: guardedLookup(req.allowPrivateNetwork) }, (res) => {
      const status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_RESPONSE_BYTES) {
          request.destroy();
          fail('invalid_response', status, 'The response is larger than 1 MB');
        } else chunks.push(c);
      });
      res.on('error', (err) => fail('network_error', status, err.message));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (status < 200 || status >= 300) return fail('http_error', status, httpProblem(status, text));
        try {
          const body = JSON.parse(text);
          const content = body?.choices?.[0]?.message?.content;
          if (typeof content !== 'string') return fail('invalid_response', status, 'No choices[0].message.content in the response');
          done({
            ok: true,
            content,
            model: typeof body.model === 'string' ? body.model : req.model,
            usage: usageOf(body, req, content),
            status,
          });
        } catch {
          fail('invalid_response', status, 'The response is not JSON');
        }
      });
    });
    const timer = setTimeout(() => {
      fail('timeout', null, `No answer within ${req.timeoutMs} ms`);
      request.destroy();
    }, req.timeoutMs);
    request.on('error', (err) => {
      if (err instanceof BlockedAddress) return fail('blocked_address', null, err.message);
      fail('network_error', null, `${(err as NodeJS.ErrnoException).code ?? 'error'}: ${err.message}`);
    });
    request.end(payload);
  });
}

/** A short, key-free description of an error answer (the provider's own message, truncated). */
function httpProblem(status: number, text: string): string {
  let message = '';
  try {
    const body = JSON.parse(text);
    message = String(body?.error?.message ?? body?.error ?? body?.message ?? '');
  } catch {
    message = text;
  }
  const hint = status === 401 || status === 403 ? ' (check the API key)' : status === 404 ? ' (check the base URL and model)' : '';
  return `HTTP ${status}${hint}${message ? `: ${message.replace(/\s+/g, ' ').slice(0, 200)}` : ''}`;
}
