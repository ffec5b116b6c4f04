import type { Value } from '../../sim/history.ts';
import type { AbdRegister } from './abd-register.ts';
import { mix32 } from './hash.ts';
import type { KvMessage, SyncEntry } from './messages.ts';
import type { Version } from './versions.ts';

/**
 * End-to-end message checksums. Every message between nodes and clients carries `sum`, a hash
 * of its content; a receiver drops a message whose sum does not match, so a payload the network
 * corrupted is treated as lost, never applied or served (TCP's checksum is too weak to rely on,
 * which is why real stores checksum their own frames).
 *
 * The sum covers what the network can damage: every field value of the message, down to each
 * character, number and flag. It is taken per message type, reading the type's fields in a fixed
 * order, as a schema-driven wire format (protobuf, Cassandra's native protocol) checksums its
 * frame: field names are the schema, not data, so they are not hashed, the type enters as its
 * number, and no generic walk over the message's keys is needed. Client values (arbitrary JSON data) are walked generically.
 * Every value contributes a type tag and its content as 32-bit words (strings and arrays also
 * their length), which go through MurmurHash3's block step. Each step is a bijection of the
 * running state, so a change of any one leaf (what the network's corruption does) always changes
 * the sum; larger random damage slips through with odds 2^-32. A message of an unknown type
 * (a damaged `type`) is never intact.
 */
export interface Sealed {
  readonly sum?: number;
}

/** The key of a sealed message's mark (module-private, so no other code can forge it). */
const sealedAs = Symbol('sealed');

/**
 * Stamps a message with the sum of its content, in place: senders seal the object they have
 * just built for this send, and nobody else holds it yet. (Copying every message to add one
 * field cost as much as computing the sum.) The message is also marked as sealed, by a reference
 * to itself under a private symbol; see `intact`. Sealing is the last step before sending: the
 * message never changes afterwards (the store's messages are immutable values).
 */
export function seal<M extends KvMessage>(msg: M): M & { readonly sum: number } {
  const sealed = msg as M & { sum: number; [sealedAs]?: object };
  const sum = contentSum(msg);
  if (sum === undefined) throw new Error(`checksum: cannot seal a message of unknown type '${String(msg.type)}'`);
  sealed.sum = sum;
  sealed[sealedAs] = sealed;
  return sealed;
}

/**
 * True when the message carries a sum and it matches its content.
 *
 * The store's messages are immutable values that the kernel shares with their receivers
 * (`kvMessagePassing`): a receiver gets either the very object its sender sealed, unchanged since
 * (frozen when the run checks messages, as every test run does), or a copy the network damaged.
 * The sealed object is known by its mark, a reference to itself: a copy carries the mark along
 * (a spread copies symbol keys) but is a different object, so it never passes for the sealed one
 * and its sum is recomputed. So the mark is exact, costs a property instead of a second walk of
 * every message, and lives and dies with the message (a WeakSet of sealed messages would do the
 * same but cost more than the sum itself: ~300 ns per message on V8, for its ephemeron table).
 */
export function intact(msg: KvMessage): boolean {
  if ((msg as { [sealedAs]?: object })[sealedAs] === msg) return true;
  return msg.sum !== undefined && msg.sum === contentSum(msg);
}

/** Nesting deeper than this is not a client value of ours. */
const depthMax = 32;

const tagNull = 1;
const tagFalse = 2;
const tagTrue = 3;
const tagInt = 4;
const tagFloat = 5;
const tagString = 6;
const tagArray = 7;
const tagObject = 8;
const tagObjectEnd = 9;
const tagAbsent = 10;
/**
 * Header words: `(length << 4) | tag` for lengths below 2^27 (tags stay below 16), so bit 31 is
 * clear; a longer length follows in a word of its own, after its tag with bit 31 set.
 */
const headerLengthMax = 1 << 27;
const tagLong = 1 << 31;

const floatView = new Float64Array(1);
const floatWords = new Uint32Array(floatView.buffer);

/**
 * Each message type's number, the first word of its sum: the type is the schema, so its number
 * stands for its name (never renumber: sums would change).
 */
const typeGet = 1;
const typePut = 2;
const typeDelete = 3;
const typeReply = 4;
const typeRGet = 5;
const typeRGetOk = 6;
const typeRPut = 7;
const typeRPutOk = 8;
const typeRPutFail = 9;
const typeAbdRead = 10;
const typeAbdReadOk = 11;
const typeAbdWrite = 12;
const typeAbdWriteOk = 13;
const typeAbdDumpReq = 14;
const typeAbdDump = 15;
const typeGossip = 16;
const typeAeTree = 17;
const typeAeDiff = 18;
const typeAeEntries = 19;

/** The sum of a message's fields (all but `sum`), or undefined for an unknown type. */
function contentSum(m: KvMessage): number | undefined {
  let h: number;
  switch (m.type) {
    case 'get':
      h = keyedHash(step(0, typeGet), m.reqId, m.key);
      break;
    case 'delete':
      h = keyedHash(step(0, typeDelete), m.reqId, m.key);
      break;
    case 'put':
      h = valueHash(keyedHash(step(0, typePut), m.reqId, m.key), m.value, 0);
      break;
    case 'reply':
      h = valueHash(booleanHash(numberHash(step(0, typeReply), m.reqId), m.ok), m.value, 0);
      h = m.error === undefined ? step(h, tagAbsent) : stringHash(h, m.error);
      break;
    case 'r-get':
      h = keyedHash(step(0, typeRGet), m.opId, m.key);
      break;
    case 'r-put-ok':
      h = keyedHash(step(0, typeRPutOk), m.opId, m.key);
      break;
    case 'abd-read':
      h = keyedHash(step(0, typeAbdRead), m.opId, m.key);
      break;
    case 'abd-write-ok':
      h = keyedHash(step(0, typeAbdWriteOk), m.opId, m.key);
      break;
    case 'r-get-ok':
      h = versionsHash(keyedHash(step(0, typeRGetOk), m.opId, m.key), m.versions);
      break;
    case 'r-put':
      h = booleanHash(versionsHash(keyedHash(step(0, typeRPut), m.opId, m.key), m.versions), m.hinted);
      break;
    case 'r-put-fail':
      h = stringHash(keyedHash(step(0, typeRPutFail), m.opId, m.key), m.error);
      break;
    case 'abd-read-ok':
      h = booleanHash(registerHash(keyedHash(step(0, typeAbdReadOk), m.opId, m.key), m.reg), m.durable);
      break;
    case 'abd-write':
      h = registerHash(keyedHash(step(0, typeAbdWrite), m.opId, m.key), m.reg);
      break;
    case 'abd-dump-req':
      h = step(0, typeAbdDumpReq);
      break;
    case 'abd-dump':
      h = entriesHash(step(0, typeAbdDump), m.entries);
      break;
    case 'ae-entries':
      h = entriesHash(step(0, typeAeEntries), m.entries);
      break;
    case 'gossip':
      h = numbersHash(numbersHash(stringsHash(step(0, typeGossip), m.ids), m.incarnations), m.heartbeats);
      h = booleanHash(stringsHash(h, m.statuses), m.reply);
      break;
    case 'ae-tree':
      h = numbersHash(numberHash(step(0, typeAeTree), m.depth), m.nodes);
      break;
    case 'ae-diff':
      h = entriesHash(numbersHash(step(0, typeAeDiff), m.buckets), m.entries);
      break;
    default:
      return undefined;
  }
  return mix32(h);
}

/** A request or reply number, then the key it is about. */
function keyedHash(h: number, id: number, key: string): number {
  return stringHash(numberHash(h, id), key);
}

function versionsHash(h: number, versions: readonly Version[]): number {
  h = headerHash(h, tagArray, versions.length);
  for (let i = 0; i < versions.length; i++) {
    const v = versions[i] as Version;
    h = step(h, tagObject);
    for (const node in v.clock) h = numberHash(stringHash(h, node), v.clock[node] as number);
    h = step(h, tagObjectEnd);
    h = valueHash(h, v.value, 0);
    h = booleanHash(h, v.deleted);
    h = numberHash(h, v.tsUs);
    h = stringHash(h, v.writer);
  }
  return h;
}

function registerHash(h: number, reg: AbdRegister): number {
  return valueHash(stringHash(numberHash(h, reg.tag.n), reg.tag.writer), reg.value, 0);
}

function entriesHash(h: number, entries: readonly SyncEntry[]): number {
  h = headerHash(h, tagArray, entries.length);
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as SyncEntry;
    h = stringHash(h, e.key);
    h = e.versions === undefined ? step(h, tagAbsent) : versionsHash(h, e.versions);
    h = e.reg === undefined ? step(h, tagAbsent) : registerHash(h, e.reg);
  }
  return h;
}

function stringsHash(h: number, xs: readonly string[]): number {
  h = headerHash(h, tagArray, xs.length);
  for (let i = 0; i < xs.length; i++) h = stringHash(h, xs[i] as string);
  return h;
}

function numbersHash(h: number, xs: readonly number[]): number {
  h = headerHash(h, tagArray, xs.length);
  for (let i = 0; i < xs.length; i++) h = numberHash(h, xs[i] as number);
  return h;
}

/** A client's value: any JSON data, walked generically (object keys are the client's data too). */
function valueHash(h: number, v: Value | undefined, depth: number): number {
  if (typeof v === 'number') return numberHash(h, v);
  if (typeof v === 'string') return stringHash(h, v);
  if (v === null) return step(h, tagNull);
  if (typeof v === 'boolean') return booleanHash(h, v);
  if (v === undefined) return step(h, tagAbsent);
  if (depth >= depthMax) throw new Error(`checksum: a value nested deeper than ${depthMax}`);
  if (Array.isArray(v)) {
    const items = v as readonly Value[];
    h = headerHash(h, tagArray, items.length);
    for (let i = 0; i < items.length; i++) h = valueHash(h, items[i], depth + 1);
    return h;
  }
  const fields = v as { readonly [key: string]: Value };
  h = step(h, tagObject);
  for (const key in fields) {
    const field = fields[key];
    if (field !== undefined) h = valueHash(stringHash(h, key), field, depth + 1);
  }
  return step(h, tagObjectEnd);
}

function booleanHash(h: number, b: boolean): number {
  return step(h, b ? tagTrue : tagFalse);
}

function stringHash(h: number, s: string): number {
  const n = s.length;
  h = headerHash(h, tagString, n);
  let i = 0;
  for (; i + 1 < n; i += 2) h = step(h, s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
  return i < n ? step(h, s.charCodeAt(i)) : h;
}

/** A string's or array's tag and length, as one word where it fits: one step fewer per string and array. */
function headerHash(h: number, tag: number, length: number): number {
  return length < headerLengthMax ? step(h, (length << 4) | tag) : step(step(h, tag | tagLong), length);
}

function numberHash(h: number, x: number): number {
  // -0 is an int32 by `| 0` but not by value: it goes the float way, so 0 and -0 differ.
  if ((x | 0) === x && (x !== 0 || 1 / x > 0)) return step(step(h, tagInt), x);
  floatView[0] = x;
  return step(step(step(h, tagFloat), floatWords[0] as number), floatWords[1] as number);
}

/** MurmurHash3's block step: a bijection of the state `h` for every word `k`. */
function step(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}
