import type { Disk, NodeId } from '../../sim/node-api.ts';
import { crc32 } from './crc32.ts';
import type { MemberStatus } from './gossip.ts';
import { countersPerIncarnation } from './runtime.ts';
import type { ReplicaStore } from './storage.ts';

/**
 * The node's small durable identity: its incarnation (bumped at every start, so vector-clock
 * counters and ABD tag writers are never reused after a restart, and gossip knows the newest
 * record) and its membership status. Stored with a CRC-32. When the file is damaged or gone
 * the incarnation must still be new: it becomes the larger of the highest incarnation found in
 * the node's own logged writes and the wall clock in milliseconds (Cassandra's gossip
 * generation is its start time in seconds, for the same reason).
 */
export interface Meta {
  readonly incarnation: number;
  readonly status: MemberStatus | undefined;
}

const file = 'kv.meta';
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const statuses: readonly string[] = ['spare', 'up', 'leaving', 'left'];

export function readMeta(o: { disk: Disk; self: NodeId; store: ReplicaStore; clockUs: number }): Meta {
  const read = o.disk.read(file);
  if (read.ok) {
    const parsed = parseMeta(read.bytes);
    if (parsed !== undefined) return parsed;
  }
  const firstStart = !read.ok && read.error === 'not-found' && o.store.keys().length === 0 && o.store.registerKeys().length === 0;
  if (firstStart) return { incarnation: 0, status: undefined };
  return { incarnation: Math.max(incarnationFromStore(o.self, o.store), Math.floor(Math.max(0, o.clockUs) / 1_000)), status: undefined };
}

/** Writes and fsyncs the meta file; `done` learns whether it became durable (a full or failing disk says no). */
export function writeMeta(o: { disk: Disk; incarnation: number; status: MemberStatus }, done: (durable: boolean) => void): void {
  const body = JSON.stringify({ incarnation: o.incarnation, status: o.status });
  const crc = crc32(encoder.encode(body));
  const written = o.disk.write(file, encoder.encode(`${crc} ${body}`));
  if (written.ok) o.disk.fsync(file, (result) => done(result.ok));
  else done(false);
}

function parseMeta(bytes: Uint8Array): Meta | undefined {
  const text = decoder.decode(bytes);
  const space = text.indexOf(' ');
  const body = text.slice(space + 1);
  if (space < 0 || Number(text.slice(0, space)) !== crc32(encoder.encode(body))) return undefined;
  const parsed = JSON.parse(body) as { incarnation?: unknown; status?: unknown };
  if (typeof parsed.incarnation !== 'number' || typeof parsed.status !== 'string' || !statuses.includes(parsed.status)) return undefined;
  return { incarnation: parsed.incarnation, status: parsed.status as MemberStatus };
}

/** Incarnations are encoded in our vector-clock counters and ABD tag writers; take the highest. */
function incarnationFromStore(self: NodeId, store: ReplicaStore): number {
  let highest = 0;
  for (const key of store.keys()) {
    for (const v of store.versions(key)) highest = Math.max(highest, Math.floor((v.clock[self] ?? 0) / countersPerIncarnation));
  }
  for (const key of store.registerKeys()) {
    const [writer, incarnation] = store.register(key).tag.writer.split('.');
    if (writer === self) highest = Math.max(highest, Number(incarnation) || 0);
  }
  return highest;
}
