/** Project files: where articles and their localized copies live. */
export { articlesDir, displayPath, listSourceArticles, localizedPath, sourcePath } from './articles.js';
/** One writer per project: the lock the writing commands take. */
export { acquireLock, describeHolder, projectLockFile, withProjectLock, LockWaitInterruptedError, ProjectLockedError, type LockHolder, type LockOptions, type ProjectLock } from './lock.js';
