import { type FaultInput, faultSchema } from '../config/schema.js';

/** What an injected fault does: add latency, answer 5xx, answer throttling, drop the connection, or never answer. */
export type FaultKind = 'latency' | 'http5xx' | 'throttling' | 'drop' | 'timeout';

/** One injected failure as the API lists it. */
export interface Fault {
  id: string;
  action: string;
  kind: FaultKind;
  ms?: number;
  status?: number;
  probability: number;
  /** Matching requests left; `undefined` = unlimited. */
  remaining?: number;
}

/**
 * The faults of one emulator, from config and from `POST /_emulator/api/faults`. `take(action)` picks
 * the first matching fault that fires (probability, then count) for a request.
 */
export class FaultRegistry {
  private faults: Fault[] = [];
  private nextId = 1;

  constructor(private readonly random: () => number = Math.random) {}

  /** Validates and adds a fault; throws a zod error naming bad or unknown keys. */
  add(input: FaultInput | unknown): Fault {
    const f = faultSchema.parse(input);
    const fault: Fault = { id: String(this.nextId++), action: f.action, kind: f.kind, probability: f.probability ?? 1 };
    if (f.ms !== undefined) fault.ms = f.ms;
    if (f.status !== undefined) fault.status = f.status;
    if (f.count !== undefined) fault.remaining = f.count;
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length !== before;
  }

  clear(): void {
    this.faults = [];
  }

  /** The fault to apply to a request for `action`, consuming one use of it. */
  take(action: string | undefined): Fault | undefined {
    if (this.faults.length === 0) return undefined;
    for (const fault of this.faults) {
      if (fault.action !== '*' && fault.action !== action) continue;
      if (fault.probability < 1 && this.random() >= fault.probability) continue;
      if (fault.remaining !== undefined) {
        fault.remaining -= 1;
        if (fault.remaining <= 0) this.remove(fault.id);
      }
      return { ...fault };
    }
    return undefined;
  }
}
