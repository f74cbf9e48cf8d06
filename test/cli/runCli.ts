// Runs the built CLI as a user does: `node dist/cli.js …`, and collects what it printed.
import { spawnSync } from 'child_process';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '../../..');
export const CLI = path.join(ROOT, 'dist/cli.js');
export const SEEDS = path.join(ROOT, 'seeds');
export const SEED_79_40 = path.join(SEEDS, 'A-RES-79-40.txt');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], cwd?: string): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd, timeout: 15000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
