import { InputError } from './errors.js';
import { positionAt } from './read-text.js';

/**
 * JSON.parse with the error turned into file:line:column. Node's messages carry
 * "position N"; we convert it so a translator can jump to the spot.
 */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const match = /position (\d+)/.exec(message);
    const at = match ? positionAt(text, Number(match[1])) : text.trim() === '' ? { line: 1, column: 1 } : {};
    const reason = message.replace(/^JSON\.parse: /, '').replace(/ in JSON at position \d+.*$/, '');
    throw new InputError(`invalid JSON: ${reason}`, { file, ...at });
  }
}
