import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SentenceGenerator } from './corpus.js';

/**
 * Writes `count` Dutch articles shaped like the sample one (front matter,
 * headings, paragraphs) with varied markup: emphasis, links, inline code, a
 * list and a table now and then. About a quarter of the paragraphs repeat
 * across articles, as boilerplate does in a newsroom.
 */
export function writeArticleCorpus(dir: string, count: number, seed = 500): string[] {
  const generator = new SentenceGenerator(seed);
  const shared = Array.from({ length: 40 }, () => paragraph(generator, 3));
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const path = `${String(i % 20).padStart(2, '0')}/artikel-${i}.md`;
    const parts = [
      '---',
      `title: "${generator.sentence().slice(0, -1)}"`,
      `date: 2024-08-${String(1 + (i % 28)).padStart(2, '0')}`,
      'language: nl',
      'photo:',
      '  photographer: Xavier Praillet',
      '  site: Unsplash',
      '---',
      '',
      `# ${generator.sentence().slice(0, -1)}`,
      '',
    ];
    for (let section = 0; section < 4; section++) {
      parts.push(`## ${generator.sentence().slice(0, -1)}`, '');
      for (let p = 0; p < 3; p++) {
        parts.push(generator.int(4) === 0 ? shared[generator.int(shared.length)]! : paragraph(generator, 2 + generator.int(4)), '');
      }
      if (section === 1) parts.push(...Array.from({ length: 3 }, () => `- ${generator.sentence()}`), '');
      if (section === 2 && i % 3 === 0) parts.push('| Sport | Medaille |', '| --- | --- |', `| ${generator.word()} | goud |`, `| ${generator.word()} | zilver |`, '');
    }
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${parts.join('\n')}\n`);
    paths.push(path);
  }
  return paths;
}

/** A paragraph of `sentences` sentences, one word in five chances of markup. */
function paragraph(generator: SentenceGenerator, sentences: number): string {
  return Array.from({ length: sentences }, () => {
    const words = generator.sentence().split(' ');
    const at = 1 + generator.int(words.length - 2);
    switch (generator.int(5)) {
      case 0:
        words[at] = `*${words[at]}*`;
        break;
      case 1:
        words[at] = `[${words[at]}](https://example.org/${words[at]!.replace(/\W/g, '')})`;
        break;
      case 2:
        words[at] = `**${words[at]}**`;
        break;
      case 3:
        words[at] = `\`${words[at]}\``;
        break;
    }
    return words.join(' ');
  }).join(' ');
}
