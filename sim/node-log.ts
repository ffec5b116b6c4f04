import type { NodeId } from './node-api.ts';

/**
 * One `ctx.log(event, fields)` call of a node, at true simulated time. The Simulation keeps these
 * when `logRecord` is on, so checkers that judge what nodes said they did can read them as data
 * without recording (and re-parsing) the whole trace.
 */
export interface NodeLogRecord {
  readonly timeUs: number;
  readonly node: NodeId;
  readonly event: string;
  /** A JSON copy of the fields as they were when logged (`{}` when none were given). */
  readonly fields: Readonly<Record<string, unknown>>;
}
