import { access, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/atomic-write.js';
import { sha256 } from '../core/hash.js';
import { articleFromJson, articleToJson, SEGMENTER_VERSION, type SegmentedArticle } from '../markdown/index.js';

/**
 * Segmented articles by source hash, beside the memory (not committed): an
 * unchanged source is read from here instead of being parsed again, which is
 * most of the cost of a warm run. The key covers everything that changes the
 * segmentation: the segmenter version, source language and translated
 * front-matter fields.
 */
export class SegmentCache {
  readonly #dir: string;
  readonly #salt: string;

  constructor(dir: string, settings: { sourceLanguage: string; frontMatterFields: readonly string[] }) {
    this.#dir = dir;
    this.#salt = sha256(JSON.stringify([SEGMENTER_VERSION, settings.sourceLanguage, settings.frontMatterFields])).slice(0, 16);
  }

  #path(sourceHash: string): string {
    return join(this.#dir, `${sourceHash.slice(0, 2)}/${sourceHash}-${this.#salt}.json`);
  }

  /** Whether an article is there, without reading it. */
  async has(sourceHash: string): Promise<boolean> {
    try {
      await access(this.#path(sourceHash));
      return true;
    } catch {
      return false;
    }
  }

  async get(sourceHash: string, text: string, file: string): Promise<SegmentedArticle | undefined> {
    try {
      return { ...articleFromJson(await readFile(this.#path(sourceHash), 'utf8'), text), file };
    } catch {
      return undefined; // missing or unreadable: parse again
    }
  }

  async set(sourceHash: string, article: SegmentedArticle): Promise<void> {
    const path = this.#path(sourceHash);
    await mkdir(join(path, '..'), { recursive: true });
    await writeFileAtomic(path, articleToJson(article));
  }
}
