/**
 * Hostile and broken XML inputs shared by the safe-xml and TMX tests. Each
 * must be refused with an InputError saying `reason` at `line`.
 * `{{server}}` is replaced by a local HTTP server's address, so a test can
 * prove that nothing was fetched.
 */
export interface HostileCase {
  name: string;
  content: string | Buffer;
  reason: RegExp;
  line: number;
}

const TU = '<tu><tuv xml:lang="en"><seg>Goal!</seg></tuv><tuv xml:lang="nl"><seg>Doelpunt!</seg></tuv></tu>';
const header = '<header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/>';
const tmx = (body: string) => `<tmx version="1.4">\n${header}\n<body>\n${TU}\n${body}\n</body>\n</tmx>\n`;

export const HOSTILE: HostileCase[] = [
  {
    name: 'billion laughs',
    content: `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
${tmx('<tu><tuv xml:lang="en"><seg>&lol9;</seg></tuv><tuv xml:lang="nl"><seg>&lol9;</seg></tuv></tu>')}`,
    reason: /^DOCTYPE is not allowed \(entity expansion and external DTDs are refused\); found <!DOCTYPE lolz \[\.\.\.\]>$/,
    line: 2,
  },
  {
    name: 'XXE (external entity to /etc/passwd)',
    content: `<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n${tmx('<tu><tuv xml:lang="en"><seg>&xxe;</seg></tuv><tuv xml:lang="nl"><seg>x</seg></tuv></tu>')}`,
    reason: /^DOCTYPE is not allowed .*found <!DOCTYPE tmx \[\.\.\.\]>$/,
    line: 2,
  },
  {
    name: 'external parameter entity to a server',
    content: `<?xml version="1.0"?>\n<!DOCTYPE tmx [\n  <!ENTITY % remote SYSTEM "{{server}}/evil.dtd">\n  %remote;\n]>\n${tmx('')}`,
    reason: /^DOCTYPE is not allowed /,
    line: 2,
  },
  {
    name: 'external DTD reference to a server',
    content: `<?xml version="1.0"?>\n\n<!DOCTYPE tmx SYSTEM "{{server}}/tmx14.dtd">\n${tmx('')}`,
    reason: /^DOCTYPE is not allowed .*found <!DOCTYPE tmx SYSTEM "http:\/\/127\.0\.0\.1:\d+\/tmx14\.dtd">$/,
    line: 3,
  },
  {
    name: 'undefined entity',
    content: `<?xml version="1.0"?>\n${tmx('<tu><tuv xml:lang="en"><seg>Fair &foo; play</seg></tuv><tuv xml:lang="nl"><seg>x</seg></tuv></tu>')}`,
    reason: /^not well-formed XML: undefined entity &foo; \(only &amp; &lt; &gt; &quot; &apos; and numeric character references are allowed\)$/,
    line: 6,
  },
  {
    name: 'truncated file',
    content: tmx('').slice(0, tmx('').indexOf('</body>')) + '<tu><tuv xml:lang="en"><seg>The match was aband',
    reason: /^not well-formed XML: file ends inside <seg> \(truncated file or missing closing tag\)$/,
    line: 6,
  },
  {
    name: 'mismatched tags',
    content: tmx('<tu><tuv xml:lang="en"><seg>Offside</tuv></seg></tu>'),
    reason: /^not well-formed XML: mismatched closing tag, expected <\/seg>$/,
    line: 5,
  },
  {
    name: 'not XML at all',
    content: 'Team,Played,Won\nSharks,10,8\n',
    reason: /^not an XML file: expected "<" at the start, found "T"$/,
    line: 1,
  },
  {
    name: 'empty file',
    content: '',
    reason: /^not well-formed XML: no root element \(the file is empty or not XML\)$/,
    line: 1,
  },
  {
    name: 'NUL byte',
    content: tmx('<tu><tuv xml:lang="en"><seg>Red\0card</seg></tuv><tuv xml:lang="nl"><seg>x</seg></tuv></tu>'),
    reason: /^NUL byte in XML file$/,
    line: 5,
  },
  {
    name: 'invalid UTF-8',
    content: Buffer.concat([Buffer.from(tmx('').slice(0, 60)), Buffer.from([0xc3, 0x28]), Buffer.from(tmx('').slice(60))]),
    reason: /^invalid UTF-8 /,
    line: 2,
  },
];
