import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * File access for sweeps, merges and shrinks (the tidy test lets scenarios/sweep/ touch files).
 * Reading returns an error line instead of throwing, because a wrong path is bad user input.
 */
export function readJsonFile(path: string, what: string): { ok: true; json: unknown } | { ok: false; error: string } {
  if (!existsSync(path)) return { ok: false, error: `${what} ${path} does not exist; check the path` };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { ok: false, error: `cannot read ${what} ${path}: ${error instanceof Error ? error.message : String(error)}` };
  }
  try {
    return { ok: true, json: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: `${what} ${path} is not valid JSON (${error instanceof Error ? error.message : String(error)}); fix or regenerate it` };
  }
}

/** Writes a text file, creating its folder. */
export function writeTextFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** Writes JSON with two-space indentation and a final newline. */
export function writeJsonFile(path: string, value: unknown): void {
  writeTextFile(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** A file in an output folder (for modules that stay free of Node built-ins). */
export function outputPath(dir: string, name: string): string {
  return join(dir, name);
}
