import { hash32 } from './hash.ts';

/**
 * End-to-end message checksums. Every message between nodes and clients carries `sum`, a hash
 * of its JSON form; a receiver drops a message whose sum does not match, so a payload the
 * network corrupted is treated as lost, never applied or served (TCP's checksum is too weak to
 * rely on, which is why real stores checksum their own frames). 32 bits: a corrupted message
 * slips through with odds 2^-32.
 */
export interface Sealed {
  readonly sum?: number;
}

export function seal<M extends object>(msg: M): M & { readonly sum: number } {
  return { ...msg, sum: hash32(JSON.stringify(msg)) };
}

/** True when the message carries a sum and it matches its content. */
export function intact(msg: Sealed): boolean {
  const { sum, ...content } = msg;
  return sum !== undefined && sum === hash32(JSON.stringify(content));
}
