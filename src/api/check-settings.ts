import type { Project } from '../config/index.js';
import { loadGlossaries } from '../glossary/index.js';
import type { CheckSettings } from '../pipeline/index.js';

/**
 * The glossary and QA settings a project checks engine answers with, read
 * the same way by a producer (`tolk translate`) and a worker (`tolk worker`),
 * so that both find the same fingerprint in a job when their projects agree.
 */
export async function checkSettings(project: Project): Promise<CheckSettings> {
  const { config } = project;
  const glossary = config.glossaries.length ? await loadGlossaries(project.root, config.glossaries) : undefined;
  return { ...(glossary ? { glossary: { glossary, enforcement: config.glossary.enforcement, subjects: config.glossary.subjects } } : {}), qa: config.qa };
}
