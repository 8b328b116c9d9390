import snowball from 'snowball-stemmers';

/** Snowball stemmers by primary language subtag. Afrikaans and Kazakh have none: their terms match as whole words. */
const ALGORITHMS: Record<string, string> = {
  ca: 'catalan', cs: 'czech', da: 'danish', de: 'german', en: 'english', es: 'spanish', eu: 'basque', fi: 'finnish',
  fr: 'french', hu: 'hungarian', it: 'italian', nb: 'norwegian', nl: 'dutch', no: 'norwegian', pt: 'portuguese',
  ro: 'romanian', ru: 'russian', sl: 'slovene', sv: 'swedish', tr: 'turkish',
};

export type Stem = (word: string) => string;

const cache = new Map<string, Stem>();

/**
 * Normalizes a word for term matching in one language: NFC, lower case by
 * the language's rules, then its Snowball stem where one exists. Applied to
 * glossary terms and to text alike, so "medailles" meets "medaille".
 */
export function stemmerFor(language: string): Stem {
  const primary = language.toLowerCase().split('-')[0]!;
  let stem = cache.get(primary);
  if (!stem) {
    const algorithm = ALGORITHMS[primary];
    const snow = algorithm ? snowball.newStemmer(algorithm) : undefined;
    stem = (word) => {
      const lower = word.normalize('NFC').toLocaleLowerCase(primary).replace(/’/g, "'");
      return snow ? snow.stem(lower) : lower;
    };
    cache.set(primary, stem);
  }
  return stem;
}

export const hasStemmer = (language: string): boolean => Boolean(ALGORITHMS[language.toLowerCase().split('-')[0]!]);
