import { loadProject } from '../../src/config/index.js';
import { makeProject } from '../helpers/project.js';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Source strings for the defect tree: interpolation, Trans tags, nesting and a plural. */
export const sourceStrings = {
  photoCredit: 'Foto door {{name}} op {{site}}',
  byline: 'Door <0>{{author}}</0>',
  readingTime_one: '{{count}} minuut leestijd',
  readingTime_other: '{{count}} minuten leestijd',
  medalTableTitle: '$t(nav.medalTable) – {{event}}',
  nav: { home: 'Voorpagina', news: 'Nieuws', medalTable: 'Medaillespiegel' },
};

/**
 * A locale tree with every kind of string defect, in `de` and `ru`; `fr` and
 * `en` are clean (fr without its optional `_many`, en spelling out "one").
 */
export function defectTree(config: Record<string, unknown> = {}): Record<string, string> {
  return {
    'tolk.config.json': json({ sourceLanguage: 'nl', targetLanguages: ['de', 'ru', 'fr', 'en'], ...config }),
    'locales/nl/common.json': json(sourceStrings),
    'locales/nl/sport.json': json({ live: 'Live verslag' }),
    'locales/de/common.json': json({
      photoCredit: 'Foto von {{name}}',
      byline: 'Von </0>{{author}}<0>',
      readingTime_one: '{{count}} Minute Lesezeit',
      readingTime_few: '{{count}} Minuten Lesezeit',
      medalTableTitle: '$t(nav.medaltable) – {{event}}',
      nav: { home: '', news: 'Nieuws', medalTable: 'Medaillenspiegel', old: 'Alt' },
    }),
    'locales/de/archive.json': json({ title: 'Archiv' }),
    'locales/ru/common.json': json({
      photoCredit: 'Фото: {{name}}, {{site}}',
      byline: 'Автор: <0>{{author}}</0>',
      readingTime_one: 'одна минута чтения',
      readingTime_many: '{{count}} минут чтения',
      readingTime_other: '{{count}} минуты чтения',
      medalTableTitle: '$t(nav.medalTable) – {{event}}',
      nav: { home: 'Главная', news: 'Новости', medalTable: 'Медальный зачёт' },
    }),
    'locales/ru/sport.json': json({ live: 'Прямая трансляция' }),
    'locales/fr/common.json': json({
      photoCredit: 'Photo de {{name}} sur {{site}}',
      byline: 'Par <0>{{author}}</0>',
      readingTime_one: '{{count}} minute de lecture',
      readingTime_other: '{{count}} minutes de lecture',
      medalTableTitle: '$t(nav.medalTable) – {{event}}',
      nav: { home: 'Accueil', news: 'Actualités', medalTable: 'Tableau des médailles' },
    }),
    'locales/fr/sport.json': json({ live: 'En direct' }),
    'locales/en/common.json': json({
      photoCredit: 'Photo by {{name}} on {{site}}',
      byline: 'By <0>{{author}}</0>',
      readingTime_one: 'One minute read',
      readingTime_other: '{{count}} minutes read',
      medalTableTitle: '$t(nav.medalTable) – {{event}}',
      nav: { home: 'Front page', news: 'News', medalTable: 'Medal table' },
    }),
    'locales/en/sport.json': json({ live: 'Live blog' }),
  };
}

export async function projectOf(files: Record<string, string>) {
  const root = makeProject(files);
  return { root, project: await loadProject({ root }) };
}
