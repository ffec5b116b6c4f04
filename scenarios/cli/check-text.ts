import type { PartEvidence } from '../../sim/check/evidence.ts';
import type { CheckRun } from './check-command.ts';

const verdictWords = { true: 'linearizable', false: 'NOT linearizable', unknown: 'unknown (search budget reached)' } as const;
/** Parts listed one per line at most; the rest are summed up (failing and undecided ones always show). */
const partLinesMax = 40;

/** The check's result for people: verdict, per-part statistics, and the evidence of failures. */
export function checkText(run: CheckRun): string {
  const evidence = run.result.evidence;
  const lines = [
    `${run.file}: ${run.operations.length} operation(s) read as ${run.format} in ${run.parseMs.toFixed(1)} ms`,
    `verdict: ${verdictWords[String(run.result.valid) as keyof typeof verdictWords]}`,
    run.result.summary,
  ];
  if (evidence === undefined) return lines.join('\n');
  lines.push(
    `model ${evidence.model}, ${evidence.split ? `split into ${evidence.parts.length} part(s)` : 'checked as one object'}, ` +
      `${evidence.droppedOperations} operation(s) dropped (fail, or info reads), checked in ${run.checkMs.toFixed(1)} ms`,
    '',
    `${'part'.padEnd(16)} ${'ops'.padStart(6)}  ${'verdict'.padEnd(8)} ${'configs'.padStart(9)} ${'attempts'.padStart(10)} ${'cache hits'.padStart(10)} ${'states'.padStart(8)} ${'deepest'.padStart(7)} ${'ms'.padStart(8)}`,
  );
  const notable = evidence.parts.filter((part) => part.valid !== true);
  const shown = evidence.parts.length <= partLinesMax ? evidence.parts : notable.slice(0, partLinesMax);
  for (const part of shown) lines.push(partLine(part));
  if (shown.length < evidence.parts.length) lines.push(`… ${evidence.parts.length - shown.length} more part(s), all linearizable`);
  for (const part of shown) {
    const { backjumps = 0, nogoodHits = 0 } = part.statistics;
    if (backjumps + nogoodHits > 0) {
      lines.push(`${part.label}: footprint search, ${backjumps} backjump(s) past unrelated keys, ${nogoodHits} configuration(s) cut by a known per-key dead end`);
    }
  }
  for (const part of notable) {
    if (part.failure !== undefined) lines.push('', ...part.failure.explanation);
    if (part.unknown !== undefined) {
      const why = part.unknown.limit === 'stopped' ? 'not finished: another part already failed (use --all-parts to finish it)' : `undecided: the ${part.unknown.limit} limit was reached`;
      lines.push('', `${part.label}: ${why}; longest linearizable prefix found: ${part.unknown.prefix.length} operation(s)`);
    }
  }
  return lines.join('\n');
}

function partLine(part: PartEvidence): string {
  const s = part.statistics;
  return (
    `${part.label.slice(0, 16).padEnd(16)} ${String(part.operationCount).padStart(6)}  ${String(part.valid).padEnd(8)} ${String(s.configurations).padStart(9)} ` +
    `${String(s.attempts).padStart(10)} ${String(s.cacheHits).padStart(10)} ${String(s.states).padStart(8)} ${String(s.deepestPrefix).padStart(7)} ${(s.elapsedMs ?? 0).toFixed(1).padStart(8)}`
  );
}
