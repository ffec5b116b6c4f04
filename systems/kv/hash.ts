/**
 * A 32-bit string hash for placing keys and virtual nodes on the ring and for Merkle buckets:
 * FNV-1a over UTF-16 code units, then MurmurHash3's finaliser so nearby strings ('n1#3', 'n1#4')
 * land far apart on the ring. Not cryptographic; stable across runs and machines.
 */
export function hash32(text: string): number {
  return mix32(fnvText(fnvStart, text));
}

/**
 * FNV-1a in pieces, for hashing a text without building it: `mix32` of `fnvText` and
 * `fnvNumber` calls from `fnvStart`, piece by piece, equals `hash32` of the pieces joined.
 */
export const fnvStart = 0x811c9dc5;

export function fnvText(state: number, text: string): number {
  let h = state;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** `fnvText` of `String(x)`; a non-negative safe integer's digits are hashed without making the text. */
export function fnvNumber(state: number, x: number): number {
  if (!Number.isSafeInteger(x) || x < 0) return fnvText(state, String(x));
  let scale = 1;
  while (scale * 10 <= x) scale *= 10;
  let h = state;
  for (let rest = x; scale >= 1; scale /= 10) {
    const digit = Math.floor(rest / scale);
    rest -= digit * scale;
    h ^= 48 + digit;
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** MurmurHash3's fmix32: an invertible avalanche step on a 32-bit integer. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combines two 32-bit hashes order-sensitively (for Merkle parents and folded leaves). */
export function combine32(left: number, right: number): number {
  return mix32((Math.imul(left >>> 0, 0x9e3779b1) ^ (right >>> 0)) + 0x7f4a7c15);
}
