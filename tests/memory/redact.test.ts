import { describe, expect, it } from 'vitest';
import { describeMemory } from '../../src/memory/index.js';
import { redactUrl } from '../../src/memory/postgres/url.js';

describe('memory URLs in messages', () => {
  it('redact: a password never appears, everything else does', () => {
    expect(redactUrl('postgres://tolk:s3cret@db.example:5432/tm')).toBe('postgres://tolk:***@db.example:5432/tm');
    expect(redactUrl('postgres://tolk@db.example/tm')).toBe('postgres://tolk@db.example/tm');
    expect(redactUrl('postgresql://u:p%40ss@h/d?sslmode=require')).not.toContain('p%40ss');
    // Not parseable as a URL: the part between ':' and '@' is still masked.
    expect(redactUrl('postgres://u:pw with space@[bad/x')).not.toContain('pw with space');
    expect(describeMemory('.tolk/tm.sqlite')).toBe('.tolk/tm.sqlite');
    expect(describeMemory('postgres://a:b@c/d')).not.toMatch(/:b@/);
  });
});
