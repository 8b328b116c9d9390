export { defineConfig, type TolkConfig, type TolkConfigInput } from './schema.js';
export { CONFIG_FILE, findRoot, loadProject, validateConfig, type Project } from './load.js';
