import { execFile } from 'node:child_process';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Spawns the CLI as a user would (`node --import tsx scenarios/cli.ts …`). */

const root = normalize(join(dirname(fileURLToPath(import.meta.url)), '..', '..'));

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Spawns at most two CLIs at a time: this is a 2-core machine, and more only thrash. */
let running = 0;
const waiting: (() => void)[] = [];

export async function cli(args: readonly string[]): Promise<Outcome> {
  if (running >= 2) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await spawnCli(args);
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

function spawnCli(args: readonly string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scenarios/cli.ts', ...args], { cwd: root, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}
