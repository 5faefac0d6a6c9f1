import { vi } from 'vitest';

export interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

type Handler = (call: Call, signal?: AbortSignal) => Response | Promise<Response>;

/** A fetch stand-in that records calls and answers from a handler. */
export function mockFetch(handler: Handler) {
  const calls: Call[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call: Call = {
      url: input instanceof Request ? input.url : String(input),
      method: init.method ?? 'GET',
      headers: { ...(init.headers as Record<string, string>) },
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    return handler(call, init.signal ?? undefined);
  });
  return { fetch: fn as unknown as typeof fetch, calls };
}

export function json(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

export function problem(status: number, code: string, detail: string, field?: string): Response {
  return json(status, { type: `https://wareflow.dev/problems/${code}`, title: code, status, detail, code, field }, 'application/problem+json');
}

/** Never answers; rejects like fetch does when its signal aborts. */
export function hang(signal?: AbortSignal): Promise<Response> {
  return new Promise((_, reject) => {
    signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
  });
}
