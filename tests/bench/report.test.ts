import { describe, expect, it } from 'vitest';
import { figure, formatTable, skipped, toJson } from '../../src/bench/report.js';

describe('bench report', () => {
  const measured = figure({ name: 'warm run', value: 1.234, unit: 's', baseline: { name: 'po4a', value: 2, unit: 's' }, goal: '≤ 0.125× po4a', pass: false });
  const missing = skipped({ name: 'vs po4a', unit: 's', goal: '≥ 8× faster' }, 'po4a not installed (apt-get install po4a)');

  it('report: a skipped figure shows its reason instead of a value and a result', () => {
    const table = formatTable([measured, missing]).split('\n');
    expect(table[2]).toBe('| warm run | 1.23 s | po4a: 2 s | 0.617× | ≤ 0.125× po4a | FAIL |');
    expect(table[3]).toBe('| vs po4a | — | — | — | ≥ 8× faster | skipped: po4a not installed (apt-get install po4a) |');
  });

  it('report: --json gives a skipped figure a null value and its reason', () => {
    const json = JSON.parse(JSON.stringify(toJson([measured, missing])));
    expect(json['vs po4a']).toEqual({ value: null, unit: 's', baseline: null, ratio: null, goal: '≥ 8× faster', pass: false, skipped: 'po4a not installed (apt-get install po4a)' });
    expect(json['warm run']).not.toHaveProperty('skipped');
  });
});
