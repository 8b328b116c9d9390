import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot, runTolk } from '../helpers/project.js';

describe('the CI recipe users copy', () => {
  it('examples: the GitHub Actions workflow is valid YAML whose tolk commands run as written', () => {
    const workflow = parse(readFileSync(join(repoRoot, 'examples/github-actions/tolk-check.yml'), 'utf8')) as {
      on: unknown;
      jobs: Record<string, { 'runs-on': string; steps: Array<{ run?: string; uses?: string; with?: Record<string, string> }> }>;
    };
    expect(workflow.on).toBeTruthy();
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const commands = steps.flatMap((s) => (s.run?.startsWith('npx tolk ') ? [s.run] : []));
    expect(commands[0]).toBe('npx tolk check --format github');
    // The upload step keeps the file the JUnit step writes.
    const report = /> (\S+)/.exec(commands.find((c) => c.includes('--format junit'))!)![1];
    expect(steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))?.with?.path).toBe(report);
    // Each command, as written, runs the real CLI on this project (its own gate passes), never a usage error.
    for (const command of commands) {
      const args = command.split(' > ')[0]!.split(/\s+/).slice(2);
      const result = runTolk(args, repoRoot);
      expect(result.code, `${command}: ${result.stderr}`).toBe(0);
      if (args.includes('junit')) expect(result.stdout).toMatch(/^<\?xml[\s\S]*<testsuites/);
    }
  });
});
