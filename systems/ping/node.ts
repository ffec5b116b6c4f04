import type { Disk, NodeFactory, NodeHandlers, NodeId } from '../../sim/node-api.ts';
import type { PingMessage } from './messages.ts';

/** The file holding a node's durable pong count, as decimal text. */
export const COUNT_FILE = 'pongs';

export interface PingNodeOptions {
  /** Time between two pings of one node (true time: timers do not follow the node's clock). */
  readonly intervalUs: number;
  /** Pings awaiting a pong that a node remembers; the oldest is forgotten beyond this. */
  readonly outstandingMax: number;
}

/** What a ping node exposes to tests and checkers as its live state. */
export interface PingNodeHandlers extends NodeHandlers<PingMessage> {
  /** Pongs received over the node's whole life, as far as this incarnation knows. */
  pongCount(): number;
}

/**
 * A node that pings its peers in turn, answers their pings, and counts the pongs it gets in a
 * file it fsyncs, so the count survives a crash. Everything in this closure is lost on a crash;
 * the factory runs again on restart and reads the count back from disk.
 */
export function pingNode(options: PingNodeOptions): NodeFactory<PingMessage> {
  return (ctx): PingNodeHandlers => {
    // A fresh nonce per incarnation (ctx.rng is forked per incarnation): late pongs to an
    // earlier incarnation carry its nonce and are ignored.
    const nonce = ctx.rng.int({ min: 0, max: 2 ** 31 - 1 });
    const outstanding = new Map<number, { to: NodeId; sentClockUs: number }>();
    let seq = 0;
    let pongs = readCount(ctx.disk, (error) => ctx.log('read-failed', { error }));

    function ping(): void {
      const to = ctx.peers[seq % ctx.peers.length];
      if (to === undefined) return;
      seq += 1;
      if (outstanding.size >= options.outstandingMax) {
        const oldest = outstanding.keys().next();
        if (oldest.done !== true) outstanding.delete(oldest.value);
      }
      outstanding.set(seq, { to, sentClockUs: ctx.clockUs() });
      ctx.send(to, { type: 'ping', nonce, seq });
      ctx.log('ping', { to, nonce, seq });
    }

    function pong(from: NodeId, msg: PingMessage): void {
      const sent = msg.nonce === nonce ? outstanding.get(msg.seq) : undefined;
      if (sent === undefined || sent.to !== from) return;
      outstanding.delete(msg.seq);
      pongs += 1;
      // Measured on the node's own clock, as real code would: a clock jump shows up here.
      ctx.log('pong', { from, nonce, seq: msg.seq, rttUs: ctx.clockUs() - sent.sentClockUs, count: pongs });
      persist(pongs);
    }

    function persist(count: number): void {
      const written = ctx.disk.write(COUNT_FILE, new TextEncoder().encode(String(count)));
      if (!written.ok) {
        ctx.log('persist-failed', { count, error: written.error });
        return;
      }
      ctx.disk.fsync(COUNT_FILE, (synced) => {
        if (synced.ok) ctx.log('durable', { count });
        else ctx.log('persist-failed', { count, error: synced.error });
      });
    }

    return {
      onStart() {
        ctx.log('recovered', { count: pongs });
        ctx.timers.set('ping', ctx.rng.int({ min: 1, max: options.intervalUs }));
      },
      onTimer(name) {
        if (name !== 'ping') return;
        ping();
        ctx.timers.set('ping', options.intervalUs);
      },
      onMessage(from, msg) {
        if (msg.type === 'ping') ctx.send(from, { type: 'pong', nonce: msg.nonce, seq: msg.seq });
        else pong(from, msg);
      },
      pongCount: () => pongs,
    };
  };
}

/** The durable count, or 0 for a node that never persisted one. */
function readCount(disk: Disk, onError: (error: string) => void): number {
  const read = disk.read(COUNT_FILE);
  if (!read.ok) {
    if (read.error !== 'not-found') onError(read.error);
    return 0;
  }
  const count = Number(new TextDecoder().decode(read.bytes));
  if (!Number.isSafeInteger(count) || count < 0) {
    onError('unreadable count');
    return 0;
  }
  return count;
}
