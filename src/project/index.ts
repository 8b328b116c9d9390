/** Project files: where articles and their localized copies live. */
export { articlesDir, displayPath, listSourceArticles, localizedPath, sourcePath } from './articles.js';
