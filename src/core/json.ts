import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { InputError } from './errors.js';
import { positionAt } from './read-text.js';

/**
 * Strict JSON with errors as file:line:column. JSON.parse does the parsing;
 * when it fails, jsonc-parser (VS Code's scanner) finds where, because Node's
 * own messages do not always carry a position.
 */
export function parseJson(text: string, file: string): unknown {
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
