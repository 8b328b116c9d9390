import { TolkError } from '../../core/errors.js';

/** Errors after which the same batch may simply be sent again: the server went away or asked us to retry. */
const TRANSIENT_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '40P01', '40001', '53300']);
const TRANSIENT_NODE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Whether the server went away or asked for a retry (a restart, a failover, a deadlock), rather than refused the work. */
export function isTransient(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  if (e?.code && (TRANSIENT_CODES.has(e.code) || TRANSIENT_NODE.has(e.code))) return true;
  return /Connection terminated|Client has encountered a connection error|Connection closed|not queryable/i.test(e?.message ?? '');
}

/** An error in one line: its first line, with its code. */
export function describe(error: unknown): string {
  const e = error as { code?: string; message?: string };
  const message = (e?.message ?? String(error)).split('\n')[0]!;
  return e?.code && !message.includes(e.code) ? `${message} [${e.code}]` : message;
}

/** A store failure as one line for the user (no stack, no password). */
export function wrap(error: unknown, what: string, url: string): Error {
  if (error instanceof TolkError) return error;
  return new TolkError(`translation memory at ${url}: ${what} failed: ${describe(error)}`, {}, { cause: error });
}

