/** One benchmark figure, printed in the table and serialized for `--json`. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** For a figure drawn from repeated runs: their fastest and slowest, and how many (the value is the median). */
  spread?: Spread;
  /** What it is compared with, measured in the same run (or undefined). */
  baseline?: { name: string; value: number; unit: string; spread?: Spread };
  /** value / baseline.value, when both exist. */
  ratio?: number;
  /** Human goal, e.g. "≥ 100000/s" or "≤ 1.5×". */
  goal: string;
  pass: boolean;
  /** Why it could not be measured on this machine (a missing tool); such a figure fails nothing. */
  skipped?: string;
  /** The measurement crashed or a tool gave a wrong result: a failure, never a time. */
  error?: string;
}

export interface Spread {
  min: number;
  max: number;
  runs: number;
}

/** Median, min and max of repeated measurements. */
export function summarize(samples: number[]): { median: number } & Spread {
  return { median: median(samples), min: Math.min(...samples), max: Math.max(...samples), runs: samples.length };
}

/** `(1.61–1.70, 5 runs)` after a value. */
const showSpread = (s: Spread | undefined, unit: string): string => (s ? ` (${round(s.min, 2)}–${round(s.max, 2)} ${unit}, ${s.runs} runs)` : '');

export function figure(f: Omit<Figure, 'ratio'> & { ratio?: number }): Figure {
  const ratio = f.ratio ?? (f.baseline && f.baseline.value ? f.value / f.baseline.value : undefined);
  return { ...f, ...(ratio !== undefined ? { ratio: round(ratio, 3) } : {}), value: round(f.value, 2) };
}

/** A figure whose tool is missing here: listed with the reason instead of failing the whole run. */
export function skipped(f: Pick<Figure, 'name' | 'unit' | 'goal'>, reason: string): Figure {
  return { ...f, value: Number.NaN, pass: false, skipped: reason };
}

/** A figure whose measurement threw: listed as failed with the reason, and the other figures still run. */
export function crashed(name: string, error: unknown): Figure {
  const message = (error as Error)?.message ?? String(error);
  return { name, value: Number.NaN, unit: '', goal: '—', pass: false, error: message.split('\n')[0]!.slice(0, 300) };
}

export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Markdown table: the same text goes to the terminal and into README. */
export function formatTable(figures: Figure[]): string {
  const rows = figures.map((f) =>
    f.error
      ? [f.name, '—', '—', '—', f.goal, `FAIL: ${f.error}`]
      : f.skipped
      ? [f.name, '—', '—', '—', f.goal, `skipped: ${f.skipped}`]
      : [
          f.name,
          `${f.value} ${f.unit}${showSpread(f.spread, f.unit)}`,
          f.baseline ? `${f.baseline.name}: ${round(f.baseline.value, 2)} ${f.baseline.unit}${showSpread(f.baseline.spread, f.baseline.unit)}` : '—',
          f.ratio !== undefined ? `${f.ratio}×` : '—',
          f.goal,
          f.pass ? 'pass' : 'FAIL',
        ],
  );
  const header = ['figure', 'value', 'baseline', 'ratio', 'goal', 'result'];
  return [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** `--json`: a skipped figure's value is null (NaN) and it carries its reason. */
export function toJson(figures: Figure[]): Record<string, Omit<Figure, 'name'>> {
  return Object.fromEntries(
    figures.map(({ name, ...rest }) => [
      name,
      {
        value: rest.value,
        unit: rest.unit,
        ...(rest.spread ? { spread: rest.spread } : {}),
        baseline: rest.baseline ?? null,
        ratio: rest.ratio ?? null,
        goal: rest.goal,
        pass: rest.pass,
        ...(rest.skipped ? { skipped: rest.skipped } : {}),
        ...(rest.error ? { error: rest.error } : {}),
      },
    ]),
  ) as Record<string, Omit<Figure, 'name'>>;
}
