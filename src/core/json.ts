import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { InputError, LimitError } from './errors.js';
import { limitsWith, type Limits } from './limits.js';
import { positionAt } from './read-text.js';

/**
 * Strict JSON with errors as file:line:column. JSON.parse does the parsing;
 * when it fails, jsonc-parser (VS Code's scanner) finds where, because Node's
 * own messages do not always carry a position. Nesting deeper than
 * `limits.jsonDepth` is refused first (JSON.parse itself copes, but every
 * recursive walk after it would overflow the stack).
 */
export function parseJson(text: string, file: string, limits?: Partial<Limits>): unknown {
  checkJsonDepth(text, file, limitsWith(limits).jsonDepth);
  try {
    return JSON.parse(text);
  } catch (error) {
    const errors: ParseError[] = [];
    parse(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
    const first = errors[0];
    const reason = first ? describe(printParseErrorCode(first.error)) : (error as Error).message;
    const at = positionAt(text, first?.offset ?? 0);
    throw new InputError(`invalid JSON: ${reason}`, { file, ...at });
  }
}

/** `CommaExpected` → `comma expected`. */
function describe(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * Refuses objects and arrays nested deeper than `max`, in one pass over the
 * text that skips strings; malformed JSON is left to the parser to report.
 */
export function checkJsonDepth(text: string, file: string, max: number): void {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: skip to its closing quote.
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22 || d === 0x0a) break;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) throw new LimitError(`JSON nested deeper than ${max} levels`, 'jsonDepth', { file, ...positionAt(text, i) });
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
}
