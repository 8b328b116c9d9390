import type { Diagnostic } from '../core/diagnostic.js';

/** A hand edit wherever it was read: enough to tell two edits of one segment apart and to point at each. */
export interface EditAt {
  language: string;
  segmentId: string;
  target: string;
  file: string;
  line: number;
}

/**
 * The stricter rule for hand edits, one for `tolk sync` and `tolk translate`'s
 * harvest: a segment edited to two different texts (in two articles, or twice
 * in one) is stored neither way and each edit is reported with where the
 * others are. Edits to the same text count once.
 */
export function withoutConflicts<T extends EditAt>(edits: readonly T[]): { kept: T[]; conflicts: Array<{ edit: T; diagnostic: Diagnostic }> } {
  const bySegment = new Map<string, T[]>();
  for (const edit of edits) {
    const key = `${edit.language}\n${edit.segmentId}`;
    bySegment.set(key, [...(bySegment.get(key) ?? []), edit]);
  }
  const kept: T[] = [];
  const conflicts: Array<{ edit: T; diagnostic: Diagnostic }> = [];
  for (const group of bySegment.values()) {
    if (new Set(group.map((e) => e.target)).size === 1) {
      kept.push(group[0]!);
      continue;
    }
    for (const edit of group) {
      const others = group.filter((e) => e !== edit).map((e) => `${e.file}:${e.line}`);
      conflicts.push({
        edit,
        diagnostic: {
          severity: 'warning',
          rule: 'edit-conflict',
          message: `the same sentence is edited differently at ${others.join(', ')}; neither edit was stored`,
          file: edit.file,
          line: edit.line,
          language: edit.language,
          segment: edit.segmentId,
        },
      });
    }
  }
  return { kept, conflicts };
}
