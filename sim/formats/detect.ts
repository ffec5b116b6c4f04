import { parseJepsenEdn } from './jepsen-edn.ts';
import { parseJepsenLog } from './jepsen-log.ts';
import { parseJsonLines } from './json-lines.ts';
import type { ParseResult } from './parse-error.ts';
import type { ParsedHistory } from './parsed-history.ts';

/** The history formats `--format` accepts. */
export const formatNames = ['edn', 'jsonl', 'jepsen-log'] as const;
export type FormatName = (typeof formatNames)[number];

export function isFormatName(name: string): name is FormatName {
  return (formatNames as readonly string[]).includes(name);
}

/**
 * Guesses a history's format from its text: a `jepsen.util` line means a Jepsen log, a first
 * non-blank character `{` followed by a quote means JSON lines, anything else EDN.
 */
export function detectFormat(text: string): FormatName {
  if (/jepsen\.util\s*[-:]\s*\S+\t:/.test(text)) return 'jepsen-log';
  const start = text.trimStart();
  if (/^\{\s*"/.test(start)) return 'jsonl';
  return 'edn';
}

export function parseHistoryText(text: string, format: FormatName): ParseResult<ParsedHistory> {
  switch (format) {
    case 'edn':
      return parseJepsenEdn(text);
    case 'jsonl':
      return parseJsonLines(text);
    case 'jepsen-log':
      return parseJepsenLog(text);
  }
}
