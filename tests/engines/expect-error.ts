import { inspect } from 'node:util';
import { expect } from 'vitest';

/** The error a promise rejects with; fails the test when it resolves. */
export async function errorOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail, it succeeded');
}

/** A key must not show in the message, nor anywhere a logger could reach (causes, properties). */
export function expectSecretHidden(error: unknown, secret: string): void {
  expect((error as Error).message).not.toContain(secret);
  expect(String(error)).not.toContain(secret);
  expect(inspect(error, { depth: 12 })).not.toContain(secret);
}
