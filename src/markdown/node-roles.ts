/**
 * What the segmenter does with each mdast node type. Data, not code: adding a
 * syntax extension means adding a row here. Unknown block nodes are kept as
 * they are and unknown inline nodes become void tags, so new syntax can never
 * leak markup to an engine or lose text.
 */
export type BlockRole =
  /** Holds other blocks; walk into it. */
  | 'container'
  /** Holds inline content: one segment. */
  | 'unit'
  /** Link reference definition: only its title is translatable. */
  | 'definition'
  /** Front matter: configured YAML fields are segments; TOML is kept as it is. */
  | 'frontmatter'
  /** Never translated: copied byte for byte. */
  | 'keep';

export const blockRoles: Record<string, BlockRole> = {
  root: 'container',
  blockquote: 'container',
  list: 'container',
  listItem: 'container',
  footnoteDefinition: 'container',
  table: 'container',
  tableRow: 'container',
  paragraph: 'unit',
  heading: 'unit',
  tableCell: 'unit',
  definition: 'definition',
  yaml: 'frontmatter',
  toml: 'frontmatter',
  // Code, raw HTML and rules are not prose.
  code: 'keep',
  html: 'keep',
  thematicBreak: 'keep',
};

export type InlineRole =
  /** Translatable text. */
  | 'text'
  /** Markup around translatable text: `<n>…</n>`. */
  | 'paired'
  /** Markup without translatable text of its own: `<n/>`. */
  | 'void';

export const inlineRoles: Record<string, InlineRole> = {
  text: 'text',
  emphasis: 'paired',
  strong: 'paired',
  delete: 'paired',
  link: 'paired', // autolinks are void: their text is the URL
  linkReference: 'paired',
  inlineCode: 'void',
  image: 'void', // alt and title become segments of their own
  imageReference: 'void',
  break: 'void',
  html: 'void',
  footnoteReference: 'void',
};

/**
 * Paired markup whose delimiters only work when they touch text
 * (CommonMark's flanking rules): whitespace a translation puts just inside
 * them is moved outside on reassembly.
 */
export const flankingTypes = new Set(['emphasis', 'strong', 'delete']);

/** Segment kind of a unit, from its own type and the container it sits in. */
export function unitKind(type: string, parentType: string | undefined): string {
  if (type === 'heading' || type === 'tableCell') return type;
  if (parentType === 'listItem') return 'listItem';
  if (parentType === 'blockquote') return 'blockquote';
  if (parentType === 'footnoteDefinition') return 'footnote';
  return 'paragraph';
}
