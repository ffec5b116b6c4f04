/**
 * The exact command that replays a run: scenario, seed, the user's `--set` overrides in the order
 * given, and the replayed plan file if there was one. Options the seed drew are not repeated: the
 * seed draws them again.
 */
export function replayCommand(o: {
  readonly scenario: { readonly name: string };
  readonly seed: number;
  readonly sets: readonly { readonly key: string; readonly text: string }[];
  readonly faultsPath?: string;
}): string {
  const parts = ['npm run scenario --', o.scenario.name, '--seed', String(o.seed)];
  for (const set of o.sets) parts.push('--set', shellWord(`${set.key}=${set.text}`));
  if (o.faultsPath !== undefined) parts.push('--faults', shellWord(o.faultsPath));
  return parts.join(' ');
}

/** Quotes a word for POSIX shells when it holds anything beyond plain characters. */
export function shellWord(word: string): string {
  return /^[\w.,:=/@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
