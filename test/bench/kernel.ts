/**
 * The kernel's speed on a message ping-pong workload (every delivery answers its sender), with
 * 1,000 and 100,000 messages in flight, next to a bare binary-heap event loop that runs the same
 * number of events with the same delays (and, for reference, a heap that moves keys only). Goal:
 * the kernel reaches at least half the bare loop's rate.
 *
 * The kernel side is the whole Simulation: its event queue (a timing wheel for the near future in
 * front of a heap), each delivery checked against partitions, traced into the running hash and
 * handed to the node's handler, whose reply is checked (live incarnation, known endpoint), traced
 * with a digest of the message, routed through the network (partition, hold and rule checks, the
 * link's latency drawn from its seeded stream) and copied for the receiver. The bare side is an
 * ordinary binary min-heap on (time, sequence) keys in typed arrays, each key with a payload
 * reference that moves with it; a handler bumps a counter in the payload and pushes it again after
 * a xorshift delay from the same range as the kernel's latency (uniform 500..1500 us).
 *
 * Rates are per second of this process's CPU time (user + system), so other processes on a shared
 * machine disturb them less than wall time would. The three sides run in turn, five rounds, so
 * load from elsewhere falls on all of them alike; each figure is a side's best round.
 */
import type { NodeContext, NodeHandlers } from '../../sim/node-api.ts';
import { Simulation } from '../../sim/simulation.ts';
import { registerBench } from './registry.ts';

type Msg = { readonly type: 'ping' | 'pong'; readonly n: number };
/** Events run and the CPU seconds they took. */
type Run = { events: number; seconds: number };

const nodeIds = Array.from({ length: 10 }, (_, i) => `n${i + 1}`);

function pingPongFactory(inFlight: number) {
  const perNode = Math.ceil(inFlight / nodeIds.length);
  return (ctx: NodeContext<Msg>): NodeHandlers<Msg> => ({
    onStart() {
      for (let i = 0; i < perNode; i++) ctx.send(ctx.peers[i % ctx.peers.length] as string, { type: 'ping', n: i });
    },
    onMessage(from, msg) {
      ctx.send(from, { type: msg.type === 'ping' ? 'pong' : 'ping', n: msg.n + 1 });
    },
    onTimer() {},
  });
}

function kernelRun(o: { inFlight: number; events: number }): Run {
  const sim = new Simulation<Msg>({ seed: 1, nodeIds, factory: pingPongFactory(o.inFlight), durationUs: Number.MAX_SAFE_INTEGER, eventsMax: o.events });
  const start = process.cpuUsage();
  sim.run();
  return { events: sim.eventCount(), seconds: cpuSecondsSince(start) };
}

/**
 * A bare binary-heap event loop: typed (time, seq) keys, popped and pushed again after a random
 * delay. With `payload`, each event also carries a reference that moves with its key and is
 * handed to a handler which schedules the next event (what any event loop does); without, only
 * keys move (the floor of any heap-driven simulator).
 */
function bareRun(o: { inFlight: number; events: number; payload: boolean }): Run {
  const capacity = o.inFlight + 1;
  const times = new Float64Array(capacity);
  const seqs = new Float64Array(capacity);
  const refs: ({ n: number } | undefined)[] = new Array(capacity).fill(undefined);
  const payload = o.payload;
  let size = 0;
  let seq = 0;
  let now = 0;
  let state = 0x9e3779b9;
  const delay = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return 500 + ((state >>> 0) % 1001);
  };
  const push = (t: number, ref: { n: number } | undefined): void => {
    const s = seq++;
    let i = size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p] as number;
      if (pt < t || (pt === t && (seqs[p] as number) < s)) break;
      times[i] = pt;
      seqs[i] = seqs[p] as number;
      if (payload) refs[i] = refs[p];
      i = p;
    }
    times[i] = t;
    seqs[i] = s;
    if (payload) refs[i] = ref;
  };
  const pop = (): { n: number } | undefined => {
    now = times[0] as number;
    const top = refs[0];
    const t = times[--size] as number;
    const s = seqs[size] as number;
    const ref = refs[size];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      const r = c + 1;
      if (r < size && ((times[r] as number) < (times[c] as number) || ((times[r] as number) === (times[c] as number) && (seqs[r] as number) < (seqs[c] as number)))) c = r;
      const ct = times[c] as number;
      if (t < ct || (t === ct && s < (seqs[c] as number))) break;
      times[i] = ct;
      seqs[i] = seqs[c] as number;
      if (payload) refs[i] = refs[c];
      i = c;
    }
    times[i] = t;
    seqs[i] = s;
    if (payload) refs[i] = ref;
    return top;
  };
  const handle = (event: { n: number } | undefined): void => {
    if (event !== undefined) event.n++;
    push(now + delay(), event);
  };
  const start = process.cpuUsage();
  for (let i = 0; i < o.inFlight; i++) push(delay(), payload ? { n: i } : undefined);
  let events = 0;
  while (events < o.events && size > 0) {
    const event = pop();
    events++;
    handle(event);
  }
  return { events, seconds: cpuSecondsSince(start) };
}

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/** Runs every side once per round, in turn, and keeps each side's fastest round. */
function bestInTurn(rounds: number, sides: readonly (() => Run)[]): Run[] {
  const fastest = sides.map((side) => side());
  for (let round = 1; round < rounds; round++) {
    sides.forEach((side, i) => {
      const r = side();
      if (r.seconds < (fastest[i] as Run).seconds) fastest[i] = r;
    });
  }
  return fastest;
}

function rate(r: Run): number {
  return r.events / r.seconds;
}

function fmt(perSecond: number): string {
  return `${(perSecond / 1e6).toFixed(2)}M events/s`;
}

registerBench({
  name: 'kernel',
  doc: 'kernel events/s on message ping-pong vs a bare binary-heap loop',
  run() {
    const events = 1_000_000;
    for (const inFlight of [1_000, 100_000]) {
      const [kernel, loop, keys] = bestInTurn(5, [
        () => kernelRun({ inFlight, events }),
        () => bareRun({ inFlight, events, payload: true }),
        () => bareRun({ inFlight, events, payload: false }),
      ]) as [Run, Run, Run];
      console.log(
        `in flight ${String(inFlight).padStart(7)}: kernel ${fmt(rate(kernel))} (${kernel.events} events in ${kernel.seconds.toFixed(2)}s CPU); ` +
          `bare event loop ${fmt(rate(loop))}, ratio ${(rate(kernel) / rate(loop)).toFixed(2)} (goal >= 0.50); ` +
          `keys-only heap ${fmt(rate(keys))}, ratio ${(rate(kernel) / rate(keys)).toFixed(2)}`,
      );
    }
  },
});
