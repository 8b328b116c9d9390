/** One benchmark figure, printed in the table and serialized for `--json`. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** What it is compared with, measured in the same run (or undefined). */
  baseline?: { name: string; value: number; unit: string; range?: [number, number] };
  /** Fastest and slowest of the runs `value` is the median of, where the figure reports them. */
  range?: [number, number];
  /** value / baseline.value, when both exist. */
  ratio?: number;
  /** Human goal, e.g. "≥ 100000/s" or "≤ 1.5×". */
  goal: string;
  pass: boolean;
  /** Why it could not be measured on this machine (a missing tool); such a figure fails nothing. */
  skipped?: string;
}

export function figure(f: Omit<Figure, 'ratio'> & { ratio?: number }): Figure {
  const ratio = f.ratio ?? (f.baseline && f.baseline.value ? f.value / f.baseline.value : undefined);
  return { ...f, ...(ratio !== undefined ? { ratio: round(ratio, 3) } : {}), value: round(f.value, 2) };
}

/** A figure whose tool is missing here: listed with the reason instead of failing the whole run. */
export function skipped(f: Pick<Figure, 'name' | 'unit' | 'goal'>, reason: string): Figure {
  return { ...f, value: Number.NaN, pass: false, skipped: reason };
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
    f.skipped
      ? [f.name, '—', '—', '—', f.goal, `skipped: ${f.skipped}`]
      : [
          f.name,
          `${f.value} ${f.unit}${spread(f.range)}`,
          f.baseline ? `${f.baseline.name}: ${round(f.baseline.value, 2)} ${f.baseline.unit}${spread(f.baseline.range)}` : '—',
          f.ratio !== undefined ? `${f.ratio}×` : '—',
          f.goal,
          f.pass ? 'pass' : 'FAIL',
        ],
  );
  const header = ['figure', 'value', 'baseline', 'ratio', 'goal', 'result'];
  return [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** ` (min–max)` after a median, when the figure has its runs' range. */
const spread = (range: [number, number] | undefined) => (range ? ` (${round(range[0], 2)}–${round(range[1], 2)})` : '');

/** `--json`: a skipped figure's value is null (NaN) and it carries its reason. */
export function toJson(figures: Figure[]): Record<string, Omit<Figure, 'name'>> {
  return Object.fromEntries(
    figures.map(({ name, ...rest }) => [
      name,
      {
        value: rest.value,
        unit: rest.unit,
        baseline: rest.baseline ?? null,
        ratio: rest.ratio ?? null,
        goal: rest.goal,
        pass: rest.pass,
        ...(rest.range ? { range: rest.range } : {}),
        ...(rest.skipped ? { skipped: rest.skipped } : {}),
      },
    ]),
  ) as Record<string, Omit<Figure, 'name'>>;
}
