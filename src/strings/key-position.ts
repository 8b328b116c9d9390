import type { Resource } from './resource.js';

interface Located {
  offsets: Map<string, number>;
  lineStarts: number[];
}

// Positions are found only once a file has a finding: a clean file costs nothing beyond JSON.parse.
const located = new WeakMap<Resource, Located>();

/** 1-based line and column of a flat key's property name in its file, or undefined when it is not there. */
export function keyPosition(resource: Resource, key: string): { line: number; column: number } | undefined {
  let entry = located.get(resource);
  if (!entry) {
    entry = { offsets: keyOffsets(resource.text), lineStarts: lineStarts(resource.text) };
    located.set(resource, entry);
  }
  const offset = entry.offsets.get(key);
  return offset === undefined ? undefined : position(entry.lineStarts, offset);
}

const QUOTE = 34;
const BACKSLASH = 92;

/**
 * Offsets of every flat key (as `flattenStrings` names them) in JSON text that
 * JSON.parse has already accepted, in one pass without building a tree: a
 * 5,000-key file takes a millisecond where a full position-keeping parser
 * takes tens. A later duplicate wins, as in JSON.parse.
 */
function keyOffsets(text: string): Map<string, number> {
  const offsets = new Map<string, number>();
  const stack: Array<{ key: string; array: boolean; index: number }> = [];
  let valueKey = '';
  let expectKey = false;
  let elementPending = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) continue;
    if (elementPending && c !== 93) {
      offsets.set(valueKey, i);
      elementPending = false;
    }
    if (c === QUOTE) {
      // Jump from quote to quote (values are most of the text); a quote after an odd run of backslashes is escaped.
      let end = text.indexOf('"', i + 1);
      let escaped = false;
      for (;;) {
        let run = 0;
        while (text.charCodeAt(end - 1 - run) === BACKSLASH) run++;
        if (run > 0) escaped = true;
        if (run % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      if (expectKey) {
        const raw = text.slice(i + 1, end);
        const name = escaped ? (JSON.parse(`"${raw}"`) as string) : raw;
        const parent = stack[stack.length - 1]!.key;
        valueKey = parent ? `${parent}.${name}` : name;
        offsets.set(valueKey, i);
        expectKey = false;
      }
      i = end;
    } else if (c === 123 /* { */) {
      stack.push({ key: valueKey, array: false, index: 0 });
      expectKey = true;
    } else if (c === 91 /* [ */) {
      stack.push({ key: valueKey, array: true, index: 0 });
      valueKey = `${valueKey}.0`;
      elementPending = true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      stack.pop();
      elementPending = false;
    } else if (c === 44 /* , */) {
      const frame = stack[stack.length - 1]!;
      if (frame.array) {
        valueKey = `${frame.key}.${++frame.index}`;
        elementPending = true;
      } else expectKey = true;
    }
  }
  return offsets;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function position(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}
