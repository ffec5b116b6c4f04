/**
 * Why a history text cannot be read: the 1-based line and what is wrong there, in words that say
 * how to fix it. Parsers return it as a value; the CLI adds the file name.
 */
export interface ParseError {
  readonly line: number;
  readonly message: string;
}

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ParseError };
