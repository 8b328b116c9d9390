/**
 * A local stand-in for the translation APIs tolk talks to: DeepL v2,
 * OpenAI chat completions and LibreTranslate, each on its real wire format,
 * with faults scripted per request. Listens on 127.0.0.1, port 0.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Protocol = 'deepl' | 'openai' | 'libretranslate';

export type Fault =
  /** Answer with this status and the protocol's error body (or `body`), plus `Retry-After` when given. */
  | { kind: 'status'; status: number; retryAfter?: string; body?: object }
  /** Never answer; the socket stays open until `close()`. */
  | { kind: 'timeout' }
  /** Destroy the socket once the request is read. */
  | { kind: 'drop' }
  /** Answer 200 with one translation fewer than was sent. */
  | { kind: 'wrong-count' }
  /** Answer 200 with the first tag removed from every translation. */
  | { kind: 'break-tags' };

export interface FakeEngineOptions {
  protocol: Protocol;
  /**
   * Translates one segment as it travels on the wire (XML placeholders for
   * DeepL and LibreTranslate, `<1>` tags for OpenAI). `target` is the target
   * language as the client sent it. @default fakeTranslate
   */
  translate?: (text: string, target: string) => string;
  /**
   * Faults by request number (0-based): `faults[n]` applies to the n-th request,
   * `undefined` entries and requests past the end are answered normally.
   */
  faults?: ReadonlyArray<Fault | undefined> | ((request: number) => Fault | undefined);
  /** Delay before every answer. @default 0 */
  latencyMs?: number;
  /** Most segments one request may carry. @default 50 for DeepL, unlimited otherwise */
  maxBatch?: number;
  /** When set, requests must carry this key (DeepL/OpenAI header, LibreTranslate `api_key`). */
  apiKey?: string;
  /**
   * Awaited after a request is recorded and before it is answered: a test can
   * hold answers back until something happened, or act (kill, interrupt) at
   * the n-th request.
   */
  before?: (request: FakeRequest) => Promise<void> | void;
}

export interface FakeRequest {
  /** 0-based request number, the one `faults` is indexed by. */
  index: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, as sent. */
  body: string;
  /** The body's fields: form fields (repeated ones as arrays) or parsed JSON. */
  fields: Record<string, unknown>;
  /** Segments as they arrived on the wire, in order. */
  segments: string[];
  source: string | undefined;
  target: string | undefined;
  fault: Fault | undefined;
}

export interface FakeEngine {
  /** Base URL, e.g. http://127.0.0.1:40123 (OpenAI clients need `${url}/v1`). */
  url: string;
  requests: FakeRequest[];
  /** DeepL glossaries created so far: id → entries. */
  glossaries: Map<string, Map<string, string>>;
  /** Every segment received, across requests, in order. */
  received(): string[];
  close(): Promise<void>;
}

/** Tags and entities on the wire: kept as they are by the default translation. */
const MARKUP = /(<[^>]*>|&(?:#\d+|#x[0-9a-f]+|[a-z]+);)/i;

/** The default translation: `[af] ` + the text upper-cased outside tags and entities. */
export function fakeTranslate(text: string, target: string): string {
  const upper = text
    .split(MARKUP)
    .map((part, i) => (i % 2 ? part : part.toUpperCase()))
    .join('');
  return `[${target.toLowerCase()}] ${upper}`;
}

/** Removes the first tag of a translation: XML (`<g id="1">`, `<x id="2"/>`) or ours (`<1>`, `<2/>`). */
export function dropFirstTag(text: string): string {
  return text.replace(/<\/?(?:\d+|[gx]\b[^>]*)\/?>/, '');
}

/** DeepL's documented limit on the request body. */
const DEEPL_MAX_BODY = 128 * 1024;

export async function startFakeEngine(options: FakeEngineOptions): Promise<FakeEngine> {
  const { protocol } = options;
  const translate = options.translate ?? fakeTranslate;
  const maxBatch = options.maxBatch ?? (protocol === 'deepl' ? 50 : Number.POSITIVE_INFINITY);
  const requests: FakeRequest[] = [];
  const sockets = new Set<Socket>();
  const faultFor = (n: number) => (typeof options.faults === 'function' ? options.faults(n) : options.faults?.[n]);

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fake server bug: ${String(error)}`);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const glossaries = new Map<string, Map<string, string>>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const body = raw.toString('utf8');
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const fields = parseFields(req.headers['content-type'], body);
    const wire = readWire(protocol, fields);
    const index = requests.length;
    const fault = faultFor(index);
    const request: FakeRequest = { index, method: req.method ?? '', path, headers: req.headers, body, fields, ...wire, fault };
    requests.push(request);
    await options.before?.(request);

    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
    };

    // DeepL glossaries: created from TSV entries, then named by `glossary_id` in translate requests.
    if (protocol === 'deepl' && req.method === 'POST' && path === '/v2/glossaries') {
      const id = `glossary-${glossaries.size + 1}`;
      const entries = new Map(String(fields.entries ?? '').split('\n').filter(Boolean).map((line) => line.split('\t') as [string, string]));
      glossaries.set(id, entries);
      return send(201, {
        glossary_id: id,
        name: fields.name,
        ready: true,
        source_lang: fields.source_lang,
        target_lang: fields.target_lang,
        creation_time: new Date().toISOString(),
        entry_count: entries.size,
      });
    }
    // The real APIs check route and key before anything else.
    const route = { deepl: '/v2/translate', openai: '/v1/chat/completions', libretranslate: '/translate' }[protocol];
    if (req.method !== 'POST' || path !== route) return send(404, errorBody(protocol, 404));
    const keyProblem = checkKey(protocol, req.headers, fields, options.apiKey);
    if (keyProblem) return send(keyProblem, errorBody(protocol, keyProblem));

    if (fault?.kind === 'timeout') return; // the socket is closed by close()
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      return send(fault.status, fault.body ?? errorBody(protocol, fault.status), fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
    }

    const invalid = validate(protocol, wire, raw.length, maxBatch);
    if (invalid) return send(invalid.status, invalid.body);

    // A glossary's entries replace their source terms before the fake translation.
    const glossary = glossaries.get(String(fields.glossary_id ?? ''));
    const withGlossary = (text: string) => (glossary ? [...glossary].reduce((t, [from, to]) => t.split(from).join(to), text) : text);
    let translations = wire.segments.map((s) => translate(withGlossary(s), wire.target ?? ''));
    if (fault?.kind === 'wrong-count') translations = translations.slice(0, -1);
    if (fault?.kind === 'break-tags') translations = translations.map(dropFirstTag);
    return send(200, successBody(protocol, translations, fields));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** DeepL glossaries created so far: id → entries. */
    glossaries,
    received: () => requests.flatMap((r) => r.segments),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Form bodies keep repeated fields (DeepL's `text`) as arrays. */
function parseFields(contentType: string | undefined, body: string): Record<string, unknown> {
  if (contentType?.includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(body);
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  const fields: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const prev = fields[key];
    fields[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return fields;
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)]);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Where each protocol carries the segments and languages. */
function readWire(protocol: Protocol, fields: Record<string, unknown>): { segments: string[]; source: string | undefined; target: string | undefined } {
  if (protocol === 'deepl') return { segments: list(fields.text), source: str(fields.source_lang), target: str(fields.target_lang) };
  if (protocol === 'libretranslate') return { segments: list(fields.q), source: str(fields.source), target: str(fields.target) };
  // OpenAI: the last user message is the JSON {from, to, segments} the adapter writes.
  const messages = Array.isArray(fields.messages) ? (fields.messages as Array<{ role?: string; content?: unknown }>) : [];
  const user = messages.filter((m) => m.role === 'user').at(-1);
  try {
    const task = JSON.parse(String(user?.content)) as { from?: string; to?: string; segments?: unknown };
    return { segments: list(task.segments), source: task.from, target: task.to };
  } catch {
    return { segments: [], source: undefined, target: undefined };
  }
}

function checkKey(protocol: Protocol, headers: IncomingHttpHeaders, fields: Record<string, unknown>, key: string | undefined): number | undefined {
  if (key === undefined) return undefined;
  if (protocol === 'deepl') return headers.authorization === `DeepL-Auth-Key ${key}` ? undefined : 403;
  if (protocol === 'openai') return headers.authorization === `Bearer ${key}` ? undefined : 401;
  return fields.api_key === key ? undefined : 403;
}

/** Request checks the real services make, with their answers. */
function validate(protocol: Protocol, wire: ReturnType<typeof readWire>, bodyBytes: number, maxBatch: number): { status: number; body: unknown } | undefined {
  if (protocol === 'deepl') {
    if (bodyBytes > DEEPL_MAX_BODY) return { status: 413, body: { message: 'Request Entity Too Large' } };
    if (wire.segments.length > maxBatch) return { status: 400, body: { message: 'Too many texts' } };
    if (wire.segments.length === 0) return { status: 400, body: { message: "Parameter 'text' not specified." } };
    if (!wire.target) return { status: 400, body: { message: "Value for 'target_lang' not supported." } };
    return undefined;
  }
  if (protocol === 'openai') {
    if (wire.segments.length === 0) {
      return { status: 400, body: { error: { message: 'fake: the user message is not {from,to,segments} JSON', type: 'invalid_request_error', param: 'messages', code: null } } };
    }
    if (wire.segments.length > maxBatch) {
      return { status: 400, body: { error: { message: "This model's maximum context length is exceeded", type: 'invalid_request_error', param: 'messages', code: 'context_length_exceeded' } } };
    }
    return undefined;
  }
  if (wire.segments.length === 0) return { status: 400, body: { error: 'Invalid request: missing q parameter' } };
  if (!wire.target) return { status: 400, body: { error: 'Invalid request: missing target parameter' } };
  if (wire.segments.length > maxBatch) return { status: 400, body: { error: `Invalid request: request (${wire.segments.length}) exceeds text limit (${maxBatch})` } };
  return undefined;
}

/** What each service answers for an error status. */
function errorBody(protocol: Protocol, status: number): unknown {
  if (protocol === 'deepl') {
    const message: Record<number, string> = { 403: 'Wrong API key', 404: 'Not found', 429: 'Too many requests', 456: 'Quota Exceeded', 503: 'Service unavailable' };
    return { message: message[status] ?? 'Internal server error' };
  }
  if (protocol === 'openai') {
    const error: Record<number, { message: string; type: string; code: string | null }> = {
      401: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' },
      404: { message: 'Not found', type: 'invalid_request_error', code: null },
      429: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' },
      503: { message: 'The engine is currently overloaded, please try again later', type: 'server_error', code: null },
    };
    return { error: { ...(error[status] ?? { message: 'The server had an error while processing your request.', type: 'server_error', code: null }), param: null } };
  }
  const error: Record<number, string> = { 403: 'Invalid API key', 404: 'Not Found', 429: 'Slowdown: too many requests' };
  return { error: error[status] ?? 'Internal Server Error' };
}

function successBody(protocol: Protocol, translations: string[], fields: Record<string, unknown>): unknown {
  if (protocol === 'deepl') {
    const billed = fields.show_billed_characters === '1' || fields.show_billed_characters === true;
    return {
      translations: translations.map((text, i) => ({
        detected_source_language: 'NL',
        text,
        ...(billed ? { billed_characters: list(fields.text)[i]?.length ?? 0 } : {}),
      })),
    };
  }
  if (protocol === 'openai') {
    const content = JSON.stringify({ translations });
    return {
      id: 'chatcmpl-fake',
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: str(fields.model) ?? 'fake',
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 0, completion_tokens: content.length, total_tokens: content.length },
    };
  }
  // LibreTranslate answers a string `q` with a string, a list with a list.
  return { translatedText: Array.isArray(fields.q) ? translations : translations[0] };
}
