import type { Value } from '../../sim/history.ts';

/**
 * The replicated register of the linearizable (ABD) mode, one per key per replica. A tag orders
 * writes totally: a higher `n` wins, and `writer` (the coordinator's node, incarnation and
 * operation number) breaks ties and makes every write's tag unique.
 */
export interface Tag {
  readonly n: number;
  readonly writer: string;
}

export interface AbdRegister {
  readonly tag: Tag;
  /** null when never written or deleted. */
  readonly value: Value;
}

/** The register of a key nobody has written: below every real write's tag. */
export const emptyRegister: AbdRegister = { tag: { n: 0, writer: '' }, value: null };

export function compareTags(a: Tag, b: Tag): number {
  if (a.n !== b.n) return a.n - b.n;
  return a.writer < b.writer ? -1 : a.writer > b.writer ? 1 : 0;
}

/** The register with the higher tag (the first on a tie, which then are the same write). */
export function newerRegister(a: AbdRegister, b: AbdRegister): AbdRegister {
  return compareTags(b.tag, a.tag) > 0 ? b : a;
}
