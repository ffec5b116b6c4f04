import { SEED_VERDICTS } from './seed-result.ts';
import type { SeedVerdict } from './seed-result.ts';

/** Where a sweep stands; `elapsedMs` is real time, used for the estimate only. */
export interface ProgressState {
  readonly done: number;
  readonly total: number;
  readonly counts: Readonly<Record<SeedVerdict, number>>;
  readonly elapsedMs: number;
}

/** Estimated real time left, from the mean time per finished seed; undefined before the first. */
export function etaMs(state: ProgressState): number | undefined {
  if (state.done === 0) return undefined;
  return (state.elapsedMs / state.done) * (state.total - state.done);
}

/** 75 s -> '1:15', 3725 s -> '1:02:05'. */
export function formatDuration(ms: number): string {
  const totalS = Math.max(0, Math.round(ms / 1000));
  const s = totalS % 60;
  const m = Math.floor(totalS / 60) % 60;
  const h = Math.floor(totalS / 3600);
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** 'pass 118, safety 2': pass always, other verdicts when they occurred. */
export function formatCounts(counts: Readonly<Record<SeedVerdict, number>>): string {
  return SEED_VERDICTS.filter((verdict) => verdict === 'pass' || counts[verdict] > 0)
    .map((verdict) => `${verdict} ${counts[verdict]}`)
    .join(', ');
}

function etaText(state: ProgressState): string {
  const eta = etaMs(state);
  return eta === undefined ? 'ETA --:--' : `ETA ${formatDuration(eta)}`;
}

const COLUMNS_MIN = 20;
const COLUMNS_DEFAULT = 80;

/** One redrawable line for a terminal: a bar, counts by verdict and the estimate, within `columns`. */
export function formatProgressBar(state: ProgressState, columnsGiven: number): string {
  // A pseudo-terminal may report 0 columns; fall back to the classic width.
  const columns = columnsGiven >= COLUMNS_MIN ? columnsGiven : COLUMNS_DEFAULT;
  const tail = ` ${state.done}/${state.total} ${formatCounts(state.counts)} | ${etaText(state)}`;
  const barCols = Math.max(10, Math.min(40, columns - tail.length - 3));
  const filled = state.total === 0 ? barCols : Math.round((barCols * state.done) / state.total);
  const line = `[${'#'.repeat(filled)}${'.'.repeat(barCols - filled)}]${tail}`;
  return line.length > columns ? line.slice(0, Math.max(0, columns - 1)) : line;
}

/** One plain line for logs (CI, files, pipes). */
export function formatProgressLine(state: ProgressState): string {
  return `${state.done}/${state.total} seeds (${formatCounts(state.counts)}), ${formatDuration(state.elapsedMs)} elapsed, ${etaText(state)}`;
}

/** Where progress goes: a stream and whether it is a terminal. */
export interface ProgressSink {
  readonly isTTY: boolean;
  readonly columns: number;
  write(text: string): void;
}

/**
 * Shows sweep progress: on a terminal one bar redrawn in place (at most every `redrawMs`), in logs
 * a plain line every `lineEveryMs` and one at the end. Time comes from the caller's clock.
 */
export class ProgressDisplay {
  private lastMs = Number.NEGATIVE_INFINITY;
  private drawn = false;

  constructor(
    private readonly sink: ProgressSink,
    private readonly o: { nowMs: () => number; redrawMs?: number; lineEveryMs?: number },
  ) {}

  update(state: ProgressState): void {
    const nowMs = this.o.nowMs();
    const final = state.done === state.total;
    const everyMs = this.sink.isTTY ? (this.o.redrawMs ?? 100) : (this.o.lineEveryMs ?? 10_000);
    if (!final && nowMs - this.lastMs < everyMs) return;
    if (!this.sink.isTTY && state.done === 0) return;
    this.lastMs = nowMs;
    this.drawn = true;
    if (this.sink.isTTY) this.sink.write(`\r${formatProgressBar(state, this.sink.columns)}\x1b[K`);
    else this.sink.write(`${formatProgressLine(state)}\n`);
  }

  /** Ends the bar's line so later output starts on a fresh one. */
  finish(): void {
    if (this.sink.isTTY && this.drawn) this.sink.write('\n');
  }
}
