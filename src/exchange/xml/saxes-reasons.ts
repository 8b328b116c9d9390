/** What the parser knew when it failed, to name things in the message. */
export interface ReasonContext {
  /** Name of the undefined entity just looked up. */
  entity?: string;
  /** The element a mismatched closing tag should have closed. */
  expectedClose?: string;
}

type Rewrite = readonly [RegExp, (match: RegExpExecArray, context: ReasonContext) => string];

/**
 * saxes' terse reasons rewritten for people who did not write the parser,
 * saying what was expected and what came. Unlisted reasons pass through.
 */
const REWRITES: readonly Rewrite[] = [
  // Only the XML-predefined entities exist, because DOCTYPEs are refused.
  [
    /^undefined entity\.$/,
    (_, c) =>
      `undefined entity &${c.entity ?? '?'}; (only &amp; &lt; &gt; &quot; &apos; and numeric character references are allowed)`,
  ],
  // saxes pops the expected element before failing; the reader remembers which it was.
  [/^unexpected close tag\.$/, (_, c) => `mismatched closing tag, expected </${c.expectedClose ?? '?'}>`],
  [/^unmatched closing tag: (.+)\.$/, (m) => `closing tag </${m[1]}> has no opening tag`],
  // The stream ended with elements still open: almost always a truncated file.
  [/^unclosed tag: (.+)$/, (m) => `file ends inside <${m[1]}> (truncated file or missing closing tag)`],
  [/^unexpected end\.$/, () => 'file ends inside markup (truncated file)'],
  [/^document must contain a root element\.$/, () => 'no root element (the file is empty or not XML)'],
  [/^text data outside of root node\.$/, () => 'text outside the root element (not an XML file, or content after its end)'],
  [/^documents may contain only one root\.$/, () => 'a second root element after the end of the first'],
  [/^disallowed character\.$/, () => 'character not allowed in XML'],
];

/** Turns a saxes error message (`line:col: reason`) into a reason sentence. */
export function explainSaxesError(message: string, context: ReasonContext): string {
  const reason = message.replace(/^(?:[^:]*:)?\d+:\d+: /, '');
  for (const [pattern, explain] of REWRITES) {
    const match = pattern.exec(reason);
    if (match) return explain(match, context);
  }
  return reason.replace(/\.$/, '');
}
