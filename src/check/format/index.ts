import type { CheckResult } from '../run-check.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatText } from './text.js';

/** Output formats of `tolk check`, one module each, all serializing the same Diagnostic fields. */
export const CHECK_FORMATS = ['text', 'json', 'junit', 'github'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

export const formatters: Record<CheckFormat, (result: CheckResult) => string> = {
  text: formatText,
  json: formatJson,
  junit: formatJunit,
  github: formatGithub,
};

export { formatText, formatJson, formatJunit, formatGithub };
export { githubAnnotation } from './github.js';
