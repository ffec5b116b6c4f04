import { join, relative } from 'node:path';
import { mergeSummaries, parseSummary } from './merge.ts';
import { readJsonFile } from './output-files.ts';
import type { SweepSummary } from './summary.ts';
import { usageError, writeSummary } from './sweep-io.ts';
import type { SweepIo } from './sweep-io.ts';

const MERGE_USAGE = 'npm run scenario -- merge DIR... [--out DIR] [--json]';

function parseMergeArgs(args: readonly string[]): { ok: true; dirs: string[]; outDir: string | undefined; json: boolean } | { ok: false; error: string } {
  const dirs: string[] = [];
  let outDir: string | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--json') {
      json = true;
    } else if (arg === '--out' || arg.startsWith('--out=')) {
      outDir = arg === '--out' ? args[++i] : arg.slice('--out='.length);
      if (outDir === undefined || outDir === '' || outDir.startsWith('--')) return { ok: false, error: '--out needs a folder, e.g. --out out/merged' };
    } else if (arg.startsWith('--')) {
      return { ok: false, error: `merge takes folders, --out DIR and --json, not ${arg}: ${MERGE_USAGE}` };
    } else {
      dirs.push(arg);
    }
  }
  if (dirs.length === 0) return { ok: false, error: `merge needs the shard folders: ${MERGE_USAGE}` };
  return { ok: true, dirs, outDir, json };
}

/**
 * `merge DIR...`: reads each shard folder's summary.json, joins them into one summary (report
 * links rewritten relative to the merged folder) and writes it with its page, by default to
 * out/<scenario>/merged-A-B/.
 */
export function mergeCli(args: readonly string[], io: SweepIo): number {
  const parsed = parseMergeArgs(args);
  if (!parsed.ok) return usageError(io, parsed.error);
  const summaries: SweepSummary[] = [];
  for (const dir of parsed.dirs) {
    const path = join(dir, 'summary.json');
    const read = readJsonFile(path, 'summary');
    if (!read.ok) return usageError(io, read.error);
    const summary = parseSummary(read.json, path);
    if (!summary.ok) return usageError(io, summary.error);
    summaries.push(summary.summary);
  }
  const first = summaries[0] as SweepSummary;
  const target = parsed.outDir ?? join('out', first.scenario, `merged-${first.range.first}-${first.range.last}`);
  const merged = mergeSummaries(
    summaries.map((summary, i) => ({ summary, relocate: (p: string) => relative(target, join(parsed.dirs[i] as string, p)).split('\\').join('/') })),
  );
  if (!merged.ok) return usageError(io, merged.error);
  return writeSummary(merged.summary, target, parsed.json, io);
}
