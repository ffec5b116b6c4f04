import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Helpers for the tidy test: list source files and look at their code without comments. */

/** Every .ts file under `dir` (relative to `root`, with forward slashes), sorted. */
export function sourceFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (path: string): void => {
    for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) out.push(relative(root, full).split(sep).join('/'));
    }
  };
  walk(join(root, dir));
  return out;
}

export function readSource(root: string, file: string): string {
  return readFileSync(join(root, file), 'utf8');
}

/**
 * Blanks comments (and, with `strings: true`, the contents of string and template literals) while
 * keeping line breaks, so matches can be reported by line and a doc comment that mentions a banned
 * word does not trip the ban. Template `${…}` expressions stay code.
 */
export function stripSource(text: string, o: { strings: boolean }): string {
  let out = '';
  let i = 0;
  const templateDepths: number[] = [];
  let braceDepth = 0;
  const blank = (s: string): string => s.replace(/[^\n]/g, ' ');
  while (i < text.length) {
    const c = text[i] as string;
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      out += blank(text.slice(i, stop));
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      out += blank(text.slice(i, stop));
      i = stop;
    } else if (c === '/' && startsRegex(out)) {
      const stop = endOfRegex(text, i);
      out += text.slice(i, stop);
      i = stop;
    } else if (c === "'" || c === '"') {
      const stop = endOfQuoted(text, i, c);
      out += c + (o.strings ? blank(text.slice(i + 1, stop - 1)) : text.slice(i + 1, stop - 1)) + c;
      i = stop;
    } else if (c === '`' || (c === '}' && templateDepths.at(-1) === braceDepth)) {
      if (c === '}') templateDepths.pop();
      const stop = endOfTemplateChunk(text, i + 1);
      const body = text.slice(i + 1, stop.at);
      out += c + (o.strings ? blank(body) : body) + (stop.opensExpression ? '${' : '`');
      if (stop.opensExpression) templateDepths.push(braceDepth);
      i = stop.at + (stop.opensExpression ? 2 : 1);
    } else {
      if (c === '{') braceDepth++;
      if (c === '}') braceDepth--;
      out += c;
      i++;
    }
  }
  return out;
}

/** A `/` starts a regex literal (not a division) after an operator, a bracket or `return`. */
function startsRegex(before: string): boolean {
  const trimmed = before.trimEnd();
  return trimmed === '' || /[(,=:[!&|?{};+\-*%<>~^]$/.test(trimmed) || /\b(return|typeof|case)$/.test(trimmed);
}

function endOfRegex(text: string, start: number): number {
  let i = start + 1;
  let inClass = false;
  while (i < text.length && text[i] !== '\n') {
    const c = text[i];
    if (c === '/' && !inClass) return i + 1;
    if (c === '[') inClass = true;
    if (c === ']') inClass = false;
    i += c === '\\' ? 2 : 1;
  }
  return i;
}

function endOfQuoted(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length && text[i] !== quote && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
  return Math.min(i + 1, text.length);
}

function endOfTemplateChunk(text: string, from: number): { at: number; opensExpression: boolean } {
  let i = from;
  while (i < text.length) {
    if (text[i] === '\\') i += 2;
    else if (text[i] === '`') return { at: i, opensExpression: false };
    else if (text[i] === '$' && text[i + 1] === '{') return { at: i, opensExpression: true };
    else i++;
  }
  return { at: text.length, opensExpression: false };
}

/** One import or re-export of a module, with whether it brings in types only. */
export interface ImportRef {
  readonly specifier: string;
  readonly typeOnly: boolean;
  readonly line: number;
}

/** The imports of a file (static, re-exports and dynamic), read from comment-free code. */
export function importsOf(code: string): ImportRef[] {
  const refs: ImportRef[] = [];
  const lineAt = (index: number): number => code.slice(0, index).split('\n').length;
  const staticImport = /\b(?:import|export)\s+(type\s+)?([^;'"]*?)\s*from\s*['"]([^'"]+)['"]/g;
  for (const m of code.matchAll(staticImport)) {
    const clause = (m[2] ?? '').trim();
    const specifiers = /^\{([^}]*)\}$/.exec(clause)?.[1]?.split(',').map((s) => s.trim()).filter((s) => s !== '');
    const allInlineTypes = specifiers !== undefined && specifiers.length > 0 && specifiers.every((s) => s.startsWith('type '));
    refs.push({ specifier: m[3] ?? '', typeOnly: m[1] !== undefined || allInlineTypes, line: lineAt(m.index) });
  }
  for (const m of code.matchAll(/\bimport\s*\(?\s*['"]([^'"]+)['"]/g)) {
    refs.push({ specifier: m[1] ?? '', typeOnly: false, line: lineAt(m.index) });
  }
  return refs;
}
