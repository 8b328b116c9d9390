import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, runTolk, snapshot } from '../helpers/project.js';

/**
 * The bin's last resort. A project that raises a limit far past what tolk
 * can parse (8,000 nested block quotes, a locale file nested 20,000 deep)
 * overflows the stack for real: no stub, no injected fault. The user sees
 * one line naming the log, exit 1; the stack is in `.tolk/last-error.log`.
 */
const unsafe = (limits: Record<string, number>) => JSON.stringify({ sourceLanguage: 'nl', targetLanguages: ['af'], limits });
const ONE_LINE = /^tolk: internal error: Maximum call stack size exceeded \(details in \.tolk\/last-error\.log\)\n$/;

describe('internal errors: one line, the details in .tolk/last-error.log', () => {
  it('hostile: a stack overflow in the main thread (limits raised past what remark can nest) → one line, exit 1, the stack in the log', { timeout: 30_000 }, () => {
    const root = makeProject({
      'tolk.config.json': unsafe({ markdownDepth: 1_000_000, markdownQuotes: 1_000_000 }),
      'articles/nl/x.md': `# T\n\n${'>'.repeat(8000)} x\n`,
    });
    const before = snapshot(root);
    const { code, stdout, stderr } = runTolk(['translate', '--engine', 'pseudo'], root);
    expect({ code, stderr }).toEqual({ code: 1, stderr: expect.stringMatching(ONE_LINE) });
    expect(stdout).toBe('');
    const log = readFileSync(join(root, '.tolk/last-error.log'), 'utf8');
    expect(log).toMatch(/^command: tolk translate --engine pseudo$/m);
    expect(log).toMatch(/^RangeError: Maximum call stack size exceeded$/m);
    expect(log).toMatch(/^ {4}at /m);
    // The log is the only file written.
    const after = snapshot(root);
    delete after['.tolk/last-error.log'];
    expect(after).toEqual(before);
  });

  it('hostile: a stack overflow in a worker thread (tolk check reads locale files there) → one line, exit 1, the worker stack in the log', { timeout: 30_000 }, () => {
    const root = makeProject({
      'tolk.config.json': unsafe({ jsonDepth: 1_000_000 }),
      'locales/nl/common.json': `${'{"a":'.repeat(20_000)}"b"${'}'.repeat(20_000)}`,
      'locales/af/common.json': '{"a": "b"}',
    });
    const { code, stdout, stderr } = runTolk(['check'], root);
    expect({ code, stderr }).toEqual({ code: 1, stderr: expect.stringMatching(ONE_LINE) });
    expect(stdout).toBe('');
    const log = readFileSync(join(root, '.tolk/last-error.log'), 'utf8');
    expect(log).toMatch(/^RangeError: Maximum call stack size exceeded$/m);
    expect(log).toMatch(/^ {4}at walk .*flatten\.js/m);
    expect(log).toContain('(in a worker thread)');
  });

  it('hostile: the same inputs under the default limits are input errors (exit 2) and write no log', { timeout: 30_000 }, () => {
    const root = makeProject({
      'tolk.config.json': JSON.stringify({ sourceLanguage: 'nl', targetLanguages: ['af'] }),
      'articles/nl/x.md': `# T\n\n${'>'.repeat(20_000)} x\n`,
    });
    const { code, stderr } = runTolk(['translate', '--engine', 'pseudo'], root);
    expect({ code, stderr }).toEqual({ code: 2, stderr: expect.stringMatching(/^tolk: articles\/nl\/x\.md:3: nesting deeper than 64 levels/) });
    expect(existsSync(join(root, '.tolk/last-error.log'))).toBe(false);
  });
});
