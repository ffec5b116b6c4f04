/**
 * The kernel's speed on a message ping-pong workload (every delivery answers its sender), with
 * 1,000 and 100,000 messages in flight, next to a bare binary-heap event loop that runs the same
 * number of events with the same delays (and, for reference, a heap that moves keys only). Goal: the kernel reaches at least half the bare
 * loop's rate. Rates are per second of this process's CPU time (user + system), so other
 * processes on a shared machine disturb them less than wall time would; each figure is the best
 * of three runs.
 */
import type { NodeContext, NodeHandlers } from '../../sim/node-api.ts';
import { Simulation } from '../../sim/simulation.ts';
import { registerBench } from './registry.ts';

type Msg = { readonly type: 'ping' | 'pong'; readonly n: number };

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

function kernelRun(o: { inFlight: number; events: number }): { events: number; seconds: number } {
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
function bareRun(o: { inFlight: number; events: number; payload: boolean }): { events: number; seconds: number } {
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

/** The fastest of `runs` runs. */
function best(runs: number, once: () => { events: number; seconds: number }): { events: number; seconds: number } {
  let fastest = once();
  for (let i = 1; i < runs; i++) {
    const r = once();
    if (r.seconds < fastest.seconds) fastest = r;
  }
  return fastest;
}

function rate(r: { events: number; seconds: number }): number {
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
      const kernel = best(3, () => kernelRun({ inFlight, events }));
      const loop = best(3, () => bareRun({ inFlight, events, payload: true }));
      const keys = best(3, () => bareRun({ inFlight, events, payload: false }));
      console.log(
        `in flight ${String(inFlight).padStart(7)}: kernel ${fmt(rate(kernel))} (${kernel.events} events in ${kernel.seconds.toFixed(2)}s CPU); ` +
          `bare event loop ${fmt(rate(loop))}, ratio ${(rate(kernel) / rate(loop)).toFixed(2)} (goal >= 0.50); ` +
          `keys-only heap ${fmt(rate(keys))}, ratio ${(rate(kernel) / rate(keys)).toFixed(2)}`,
      );
    }
  },
});
