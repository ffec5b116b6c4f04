import type { Value } from '../../sim/history.ts';
import type { AbdRegister } from './abd-register.ts';
import type { MemberRecord } from './gossip.ts';
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
 * frame: field names are the schema, not data, so they are not hashed, and no generic walk over
 * the message's keys is needed. Client values (arbitrary JSON data) are walked generically.
 * Every value contributes a type tag and its content as 32-bit words (strings and arrays also
 * their length), which go through MurmurHash3's block step. Each step is a bijection of the
 * running state, so a change of any one leaf (what the network's corruption does) always changes
 * the sum; larger random damage slips through with odds 2^-32. A message of an unknown type
 * (a damaged `type`) is never intact.
 */
export interface Sealed {
  readonly sum?: number;
}

/**
 * Stamps a message with the sum of its content, in place: senders seal the object they have
 * just built for this send, and the network hands receivers copies, so nobody else holds it.
 * (Copying every message to add one field cost as much as computing the sum.)
 */
export function seal<M extends KvMessage>(msg: M): M & { readonly sum: number } {
  const sealed = msg as M & { sum: number };
  const sum = contentSum(msg);
  if (sum === undefined) throw new Error(`checksum: cannot seal a message of unknown type '${String(msg.type)}'`);
  sealed.sum = sum;
  return sealed;
}

/** True when the message carries a sum and it matches its content. */
export function intact(msg: KvMessage): boolean {
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

const floatView = new Float64Array(1);
const floatWords = new Uint32Array(floatView.buffer);

/** The sum of a message's fields (all but `sum`), or undefined for an unknown type. */
function contentSum(m: KvMessage): number | undefined {
  let h = stringHash(0, m.type);
  switch (m.type) {
    case 'get':
    case 'delete':
      h = stringHash(numberHash(h, m.reqId), m.key);
      break;
    case 'put':
      h = valueHash(stringHash(numberHash(h, m.reqId), m.key), m.value, 0);
      break;
    case 'reply':
      h = valueHash(booleanHash(numberHash(h, m.reqId), m.ok), m.value, 0);
      h = m.error === undefined ? step(h, tagAbsent) : stringHash(h, m.error);
      break;
    case 'r-get':
    case 'r-put-ok':
    case 'abd-read':
    case 'abd-write-ok':
      h = stringHash(numberHash(h, m.opId), m.key);
      break;
    case 'r-get-ok':
      h = versionsHash(stringHash(numberHash(h, m.opId), m.key), m.versions);
      break;
    case 'r-put':
      h = booleanHash(versionsHash(stringHash(numberHash(h, m.opId), m.key), m.versions), m.hinted);
      break;
    case 'r-put-fail':
      h = stringHash(stringHash(numberHash(h, m.opId), m.key), m.error);
      break;
    case 'abd-read-ok':
      h = booleanHash(registerHash(stringHash(numberHash(h, m.opId), m.key), m.reg), m.durable);
      break;
    case 'abd-write':
      h = registerHash(stringHash(numberHash(h, m.opId), m.key), m.reg);
      break;
    case 'abd-dump-req':
      break;
    case 'abd-dump':
    case 'ae-entries':
      h = entriesHash(h, m.entries);
      break;
    case 'gossip':
      h = booleanHash(membersHash(h, m.members), m.reply);
      break;
    case 'ae-tree':
      h = numbersHash(numberHash(h, m.depth), m.nodes);
      break;
    case 'ae-diff':
      h = entriesHash(numbersHash(h, m.buckets), m.entries);
      break;
    default:
      return undefined;
  }
  return mix32(h);
}

function versionsHash(h: number, versions: readonly Version[]): number {
  h = step(step(h, tagArray), versions.length);
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
  h = step(step(h, tagArray), entries.length);
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as SyncEntry;
    h = stringHash(h, e.key);
    h = e.versions === undefined ? step(h, tagAbsent) : versionsHash(h, e.versions);
    h = e.reg === undefined ? step(h, tagAbsent) : registerHash(h, e.reg);
  }
  return h;
}

function membersHash(h: number, members: readonly MemberRecord[]): number {
  h = step(step(h, tagArray), members.length);
  for (let i = 0; i < members.length; i++) {
    const r = members[i] as MemberRecord;
    h = stringHash(numberHash(numberHash(stringHash(h, r.id), r.incarnation), r.heartbeat), r.status);
  }
  return h;
}

function numbersHash(h: number, xs: readonly number[]): number {
  h = step(step(h, tagArray), xs.length);
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
    h = step(step(h, tagArray), items.length);
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
  h = step(step(h, tagString), n);
  let i = 0;
  for (; i + 1 < n; i += 2) h = step(h, s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
  return i < n ? step(h, s.charCodeAt(i)) : h;
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
