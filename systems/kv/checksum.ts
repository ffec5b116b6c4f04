import { mix32 } from './hash.ts';

/**
 * End-to-end message checksums. Every message between nodes and clients carries `sum`, a hash
 * of its content; a receiver drops a message whose sum does not match, so a payload the network
 * corrupted is treated as lost, never applied or served (TCP's checksum is too weak to rely on,
 * which is why real stores checksum their own frames).
 *
 * The sum is taken over a compact structural encoding, walked straight off the message rather
 * than over its JSON text (serialising every message twice dominated the store's CPU time):
 * every value contributes a type tag and its content as 32-bit words (strings also their length,
 * arrays their length, objects their keys and an end mark), so two different messages encode
 * differently, and the words go through MurmurHash3's block step. Each step is a bijection of the
 * running state, so a change of any one leaf (what the network's corruption does) always changes
 * the sum; larger random damage slips through with odds 2^-32. Keys whose value is undefined are
 * skipped, as in JSON, so an absent optional field and an undefined one seal alike.
 */
export interface Sealed {
  readonly sum?: number;
}

/**
 * Stamps a message with the sum of its content, in place: senders seal the object they have
 * just built for this send, and the network hands receivers copies, so nobody else holds it.
 * (Copying every message to add one field cost as much as computing the sum.)
 */
export function seal<M extends object>(msg: M): M & { readonly sum: number } {
  const sealed = msg as M & { sum: number };
  sealed.sum = contentSum(msg);
  return sealed;
}

/** True when the message carries a sum and it matches its content. */
export function intact(msg: Sealed): boolean {
  return msg.sum !== undefined && msg.sum === contentSum(msg);
}

/** Nesting deeper than this is not a message of ours (they are a few levels deep). */
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
const tagBytes = 10;
const tagUndefinedItem = 11;

const floatView = new Float64Array(1);
const floatWords = new Uint32Array(floatView.buffer);

/** The hash of a message's top-level fields except `sum`, then of their values. */
function contentSum(msg: object): number {
  const fields = msg as Record<string, unknown>;
  let h = step(0, tagObject);
  for (const key in fields) {
    const value = fields[key];
    if (key === 'sum' || value === undefined) continue;
    h = stringHash(h, key);
    h = valueHash(h, value, 1);
  }
  return mix32(step(h, tagObjectEnd));
}

function valueHash(h: number, v: unknown, depth: number): number {
  switch (typeof v) {
    case 'string':
      return stringHash(h, v);
    case 'number':
      return numberHash(h, v);
    case 'boolean':
      return step(h, v ? tagTrue : tagFalse);
    case 'undefined':
      return step(h, tagUndefinedItem);
    case 'object':
      return v === null ? step(h, tagNull) : objectHash(h, v, depth);
    default:
      throw new Error(`checksum: a ${typeof v} is not plain data`);
  }
}

function stringHash(h: number, s: string): number {
  const n = s.length;
  h = step(step(h, tagString), n);
  let i = 0;
  for (; i + 1 < n; i += 2) h = step(h, s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
  return i < n ? step(h, s.charCodeAt(i)) : h;
}

function numberHash(h: number, x: number): number {
  if ((x | 0) === x && !Object.is(x, -0)) return step(step(h, tagInt), x);
  floatView[0] = x;
  return step(step(step(h, tagFloat), floatWords[0] as number), floatWords[1] as number);
}

function objectHash(h: number, v: object, depth: number): number {
  if (depth >= depthMax) throw new Error(`checksum: nesting deeper than ${depthMax}`);
  const next = depth + 1;
  if (Array.isArray(v)) {
    h = step(step(h, tagArray), v.length);
    for (let i = 0; i < v.length; i++) h = valueHash(h, v[i], next);
    return h;
  }
  if (v instanceof Uint8Array) {
    h = step(step(h, tagBytes), v.length);
    for (let i = 0; i < v.length; i++) h = step(h, v[i] as number);
    return h;
  }
  const fields = v as Record<string, unknown>;
  h = step(h, tagObject);
  for (const key in fields) {
    const value = fields[key];
    if (value === undefined) continue;
    h = stringHash(h, key);
    h = valueHash(h, value, next);
  }
  return step(h, tagObjectEnd);
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
