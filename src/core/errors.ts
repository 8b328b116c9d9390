/**
 * Small named errors. Library code throws these; only the CLI bin turns them
 * into exit codes (see `exitCodeFor`), so tests can call commands directly.
 */
export interface Location {
  file?: string;
  line?: number;
  column?: number;
}

export class TolkError extends Error {
  /** Exit code the bin uses when this error ends a command. */
  readonly exitCode: number = 1;
  readonly location: Location;
  constructor(message: string, location: Location = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.location = location;
  }
  /** `file:line:col: message`, the same shape as a diagnostic. */
  override toString(): string {
    const { file, line, column } = this.location;
    const where = file ? `${file}${line ? `:${line}${column ? `:${column}` : ''}` : ''}: ` : '';
    return `${where}${this.message}`;
  }
}

/** The config file is missing, unreadable or invalid. */
export class ConfigError extends TolkError {
  override readonly exitCode = 2;
}

/** An input file (article, front matter, JSON, XML...) cannot be read as what it claims to be. */
export class InputError extends TolkError {
  override readonly exitCode = 2;
}

/**
 * An input over one of the structural limits of `core/limits.ts` (too deep,
 * too many, too large); the message names the config key that raises it.
 */
export class LimitError extends InputError {
  /** Name of the limit, the key under `limits` in tolk.config.json. */
  readonly limit: string;
  constructor(message: string, limit: string, location: Location = {}) {
    super(`${message} (limits.${limit} in tolk.config.json)`, location);
    this.limit = limit;
  }
}

/** The command line itself is wrong. */
export class UsageError extends TolkError {
  override readonly exitCode = 2;
}

/** An engine failed in a way retries did not fix. */
export class EngineError extends TolkError {
  override readonly exitCode = 1;
}

export function exitCodeFor(error: unknown): number {
  return error instanceof TolkError ? error.exitCode : 1;
}
