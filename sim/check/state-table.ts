import type { Operation } from '../history.ts';
import type { Model } from './model.ts';
import { PairTable } from './pair-table.ts';

/** Transitions memoized before the memo is cleared. */
const transitionsMax = 1 << 21;
/** What the memo answers for a transition it does not know. */
const unknownTransition = -3;

/**
 * Interns model states as dense integer ids and memoizes transitions, so the search compares and
 * hashes integers and each (state, operation) step runs the model once.
 */
export class StateTable<State> {
  readonly states: State[] = [];
  private readonly ids = new Map<string | number, number>();
  private readonly transitions = new PairTable({ entriesMax: transitionsMax });
  private readonly model: Model<State>;
  private readonly operations: readonly Operation[];
  private readonly statesMax: number;

  constructor(options: { readonly model: Model<State>; readonly operations: readonly Operation[]; readonly statesMax: number }) {
    this.model = options.model;
    this.operations = options.operations;
    this.statesMax = options.statesMax;
  }

  /** The id of `state`, adding it when new; -1 when the table is full. */
  intern(state: State): number {
    const key = this.model.stateKey(state);
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    if (this.states.length >= this.statesMax) return -1;
    const id = this.states.length;
    this.states.push(state);
    this.ids.set(key, id);
    return id;
  }

  /**
   * The state after operation `opIndex` (an index into the part's operations) in state
   * `stateId`: its id, -1 when the model rejects it, or -2 when the state table is full.
   */
  step(stateId: number, opIndex: number): number {
    const known = this.transitions.get(stateId, opIndex, unknownTransition);
    if (known !== unknownTransition) return known;
    const result = this.model.step(this.states[stateId]!, this.operations[opIndex]!);
    let next = -1;
    if (result.ok) {
      next = this.intern(result.state);
      if (next < 0) return -2;
    }
    this.transitions.set(stateId, opIndex, next);
    return next;
  }
}
