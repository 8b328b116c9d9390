import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineError } from '../core/errors.js';
import { apertiumPair, batchDocument, fromApertiumHtml, sameOuterSpace, splitBatch, stripMarks, toApertiumHtml } from './apertium-format.js';
import { fromNetworkError, isRetryableStatus, RetryableEngineError } from './errors.js';
import type { Engine, EngineTranslation, TranslateRequest } from './engine.js';
import { createHttpClient, type HttpAnswer, type HttpClient } from './http.js';

export interface ApertiumOptions {
  /** APY server (e.g. http://127.0.0.1:2737); without it the local `apertium` command runs once per batch. */
  url?: string;
  /** The `apertium` executable. @default "apertium" */
  command?: string;
  /** Per-request timeout. @default 120000 */
  timeoutMs?: number;
}

/**
 * Apertium, the free rule-based engine: local, offline, deterministic. One
 * process call (or one APY request) translates a whole batch, which measured
 * about ten times faster than one call per paragraph.
 */
export function createApertiumEngine(options: ApertiumOptions = {}): Engine {
  const http = options.url ? createHttpClient() : undefined;
  const run = options.url ? viaApy(options.url, options.timeoutMs ?? 120_000, http!) : viaCli(options.command ?? 'apertium', options.timeoutMs ?? 120_000);
  return {
    name: 'apertium',
    // The command's cost is mostly start-up, so its batches are large; APY answers
    // within its own request timeout (10 s by default), so its batches are smaller.
    limits: options.url ? { maxSegments: 200, maxCharacters: 40_000 } : { maxSegments: 5_000, maxCharacters: 2_000_000 },
    async translate(request: TranslateRequest): Promise<EngineTranslation[]> {
      const pair = apertiumPair(request.sourceLanguage, request.targetLanguage);
      const output = await run(pair, batchDocument(request.segments), request.signal);
      const parts = splitBatch(output, request.segments.length);
      if (!parts) throw new EngineError(`apertium ${pair} returned a different number of segments than it was sent`);
      return parts.map((part, i) => {
        const { text, unknown } = stripMarks(part, toApertiumHtml(request.segments[i]!));
        return { text: sameOuterSpace(request.segments[i]!, fromApertiumHtml(text)), unknownWords: unknown };
      });
    },
    async close() {
      http?.close();
    },
  };
}

type Runner = (pair: string, document: string, signal?: AbortSignal) => Promise<string>;

/**
 * The batch goes in as a file: Apertium's format detector (tf-inject) cannot
 * read the socket pair Node uses for a child's stdin, and exits 0 with no output.
 */
function viaCli(command: string, timeoutMs: number): Runner {
  return async (pair, document, signal) => {
    const dir = await mkdtemp(join(tmpdir(), 'tolk-apertium-'));
    const input = join(dir, 'batch.html');
    try {
      await writeFile(input, document);
      const output = await runProcess(command, ['-f', 'html', pair, input], timeoutMs, pair, signal);
      if (output.trim() === '' && document.trim() !== '') throw new EngineError(`apertium ${pair} returned nothing`);
      return output;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}

function runProcess(command: string, args: string[], timeoutMs: number, pair: string, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs, ...(signal ? { signal } : {}) });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new EngineError(`"${command}" not found: install the Debian package apertium and the pair's package (e.g. apertium-afr-nld)`) : error),
    );
    child.on('close', (code) => {
      const message = Buffer.concat(err).toString('utf8').trim();
      if (code === 0 && !/terminate called|Error:/.test(message)) resolve(Buffer.concat(out).toString('utf8'));
      // All of stderr on one line: "Mode x-y does not exist. Try one of:" is followed by the installed pairs.
      else reject(new EngineError(`apertium ${pair} failed (exit ${code ?? 'killed'}): ${message.replace(/\s+/g, ' ').slice(0, 500) || 'no message'}`));
    });
  });
}

function viaApy(url: string, timeoutMs: number, http: HttpClient): Runner {
  const endpoint = new URL('/translate', url);
  return async (pair, document, signal) => {
    const [from, to] = pair.split('-');
    const body = new URLSearchParams({ langpair: `${from}|${to}`, format: 'html', markUnknown: 'yes', q: document }).toString();
    let response: HttpAnswer;
    try {
      response = await http.post(endpoint, body, {
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
        timeoutMs,
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw fromNetworkError(`apertium APY ${pair}`, error);
    }
    const payload = response.json() as
      | { responseData?: { translatedText?: string }; responseStatus?: number; message?: string; explanation?: string }
      | undefined;
    const text = payload?.responseData?.translatedText;
    if (!response.ok || typeof text !== 'string') {
      // APY's `message` is only the status text ("Bad Request"); `explanation` says what went wrong ("That pair is not installed").
      const reason = `apertium APY ${pair}: HTTP ${response.status} ${payload?.explanation ?? payload?.message ?? ''}`.trim();
      if (isRetryableStatus(response.status)) throw new RetryableEngineError(reason, { status: response.status });
      throw new EngineError(reason);
    }
    return text;
  };
}
