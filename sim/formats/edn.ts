import type { ParseError } from './parse-error.ts';

/** An EDN keyword such as `:invoke` (name without the colon). */
export interface EdnKeyword {
  readonly kind: 'keyword';
  readonly name: string;
}

/** An EDN symbol such as `foo` or a tag's name. */
export interface EdnSymbol {
  readonly kind: 'symbol';
  readonly name: string;
}

/** An EDN map; keys keep their EDN type. */
export interface EdnMap {
  readonly kind: 'map';
  readonly entries: readonly (readonly [EdnValue, EdnValue])[];
}

/**
 * The EDN values Jepsen histories use. Vectors, lists and sets all read as arrays; a tagged
 * literal (`#inst "…"`, `#jepsen.history.Op{…}`) reads as its value.
 */
export type EdnValue = null | boolean | number | string | EdnKeyword | EdnSymbol | EdnMap | readonly EdnValue[];

/** One top-level form and the line it starts on. */
export interface EdnForm {
  readonly value: EdnValue;
  readonly line: number;
}

class EdnSyntaxError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.line = line;
  }
}

const delimiters = new Set(['(', ')', '[', ']', '{', '}', '"', ';', ',']);
const stringEscapes: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', b: '\b', f: '\f' };
/** Nesting deeper than this is refused rather than risking the reader's stack. */
const depthMax = 200;

/**
 * A small EDN reader (https://github.com/edn-format/edn): enough for Jepsen histories, with line
 * numbers for errors. Reading is recursive but bounded by `depthMax`.
 */
export class EdnReader {
  private readonly text: string;
  private position = 0;
  private line = 1;

  constructor(text: string) {
    this.text = text;
  }

  /** All top-level forms; when `unwrapVector` and the text is one vector, its elements instead. */
  static readForms(text: string, options: { readonly unwrapVector: boolean }): { ok: true; forms: EdnForm[] } | { ok: false; error: ParseError } {
    const reader = new EdnReader(text);
    try {
      return { ok: true, forms: reader.forms(options.unwrapVector) };
    } catch (error) {
      if (error instanceof EdnSyntaxError) return { ok: false, error: { line: error.line, message: error.message } };
      throw error;
    }
  }

  private forms(unwrapVector: boolean): EdnForm[] {
    const forms: EdnForm[] = [];
    this.skipSpace();
    if (unwrapVector && this.text[this.position] === '[') {
      this.position++;
      for (;;) {
        this.skipSpace();
        if (this.position >= this.text.length) throw new EdnSyntaxError(this.line, 'the vector of operations is not closed with ]');
        if (this.text[this.position] === ']') {
          this.position++;
          break;
        }
        forms.push({ line: this.line, value: this.read(1) });
      }
      this.skipSpace();
      if (this.position < this.text.length) throw new EdnSyntaxError(this.line, 'unexpected text after the vector of operations');
      return forms;
    }
    while (this.position < this.text.length) {
      forms.push({ line: this.line, value: this.read(0) });
      this.skipSpace();
    }
    return forms;
  }

  private skipSpace(): void {
    const text = this.text;
    while (this.position < text.length) {
      const c = text[this.position]!;
      if (c === '\n') {
        this.line++;
        this.position++;
      } else if (c === ' ' || c === '\t' || c === '\r' || c === ',') {
        this.position++;
      } else if (c === ';') {
        while (this.position < text.length && text[this.position] !== '\n') this.position++;
      } else if (c === '#' && text[this.position + 1] === '_') {
        this.position += 2;
        this.read(0);
      } else {
        return;
      }
    }
  }

  private read(depth: number): EdnValue {
    if (depth > depthMax) throw new EdnSyntaxError(this.line, `values nested deeper than ${depthMax} levels`);
    this.skipSpace();
    const c = this.text[this.position];
    if (c === undefined) throw new EdnSyntaxError(this.line, 'the text ends in the middle of a value');
    switch (c) {
      case '"':
        return this.readString();
      case '[':
        this.position++;
        return this.readSequence(']', depth);
      case '(':
        this.position++;
        return this.readSequence(')', depth);
      case '{':
        this.position++;
        return this.readMap(depth);
      case '#':
        return this.readDispatch(depth);
      case ':':
        this.position++;
        return { kind: 'keyword', name: this.readToken('keyword') };
      case ')':
      case ']':
      case '}':
        throw new EdnSyntaxError(this.line, `unexpected '${c}' with nothing open to close`);
      default:
        return this.readAtom();
    }
  }

  private readSequence(close: string, depth: number): EdnValue[] {
    const items: EdnValue[] = [];
    for (;;) {
      this.skipSpace();
      const c = this.text[this.position];
      if (c === undefined) throw new EdnSyntaxError(this.line, `${sequenceNames[close] ?? 'a sequence'} is not closed with ${close}`);
      if (c === close) {
        this.position++;
        return items;
      }
      items.push(this.read(depth + 1));
    }
  }

  private readMap(depth: number): EdnMap {
    const items = this.readSequence('}', depth);
    if (items.length % 2 !== 0) throw new EdnSyntaxError(this.line, 'a map has a key without a value');
    const entries: (readonly [EdnValue, EdnValue])[] = [];
    for (let i = 0; i < items.length; i += 2) entries.push([items[i] as EdnValue, items[i + 1] as EdnValue]);
    return { kind: 'map', entries };
  }

  private readDispatch(depth: number): EdnValue {
    this.position++;
    if (this.text[this.position] === '{') {
      this.position++;
      return this.readSequence('}', depth);
    }
    this.readToken('tag');
    return this.read(depth + 1);
  }

  private readString(): string {
    const startLine = this.line;
    const text = this.text;
    let result = '';
    this.position++;
    for (;;) {
      const c = text[this.position];
      if (c === undefined) throw new EdnSyntaxError(startLine, 'a string is not closed with "');
      this.position++;
      if (c === '"') return result;
      if (c === '\n') this.line++;
      if (c !== '\\') {
        result += c;
        continue;
      }
      const escaped = text[this.position];
      this.position++;
      if (escaped === 'u') {
        const hex = text.slice(this.position, this.position + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new EdnSyntaxError(this.line, `bad unicode escape \\u${hex} in a string`);
        result += String.fromCharCode(Number.parseInt(hex, 16));
        this.position += 4;
        continue;
      }
      const replacement = escaped === undefined ? undefined : stringEscapes[escaped];
      if (replacement === undefined) throw new EdnSyntaxError(this.line, `unknown escape \\${escaped ?? ''} in a string`);
      result += replacement;
    }
  }

  private readToken(what: string): string {
    const start = this.position;
    const text = this.text;
    while (this.position < text.length) {
      const c = text[this.position]!;
      if (c === ' ' || c === '\n' || c === '\t' || c === '\r' || delimiters.has(c)) break;
      this.position++;
    }
    if (this.position === start) throw new EdnSyntaxError(this.line, `an empty ${what}`);
    return text.slice(start, this.position);
  }

  private readAtom(): EdnValue {
    const token = this.readToken('value');
    if (token === 'nil') return null;
    if (token === 'true') return true;
    if (token === 'false') return false;
    if (/^[+-]?\d/.test(token)) {
      const numeric = token.replace(/[NM]$/, '');
      const number = Number(numeric);
      if (!Number.isFinite(number)) throw new EdnSyntaxError(this.line, `'${token}' is not a number`);
      return number;
    }
    if (token.startsWith('\\')) return token.slice(1);
    return { kind: 'symbol', name: token };
  }
}

/** What an unclosed sequence is called in an error, by its closing character. */
const sequenceNames: Readonly<Record<string, string>> = { '}': 'a map', ']': 'a vector', ')': 'a list' };
