/**
 * Failure injection for fakes: `fake.faults.failNext('save', new Error('boom'))` makes the next
 * call of that method reject before it changes anything, as a dropped connection or a throttled
 * request would. Lets handler tests prove that a failed write leaves no partial state.
 */
export class Faults<Method extends string> {
  private readonly queued = new Map<Method, Error[]>();
  private readonly delayed = new Map<Method, { passes: number; error: Error }>();

  failNext(method: Method, error: Error = new Error(`injected failure in ${method}`)): void {
    const list = this.queued.get(method) ?? [];
    list.push(error);
    this.queued.set(method, list);
  }

  /** Lets `passes` calls of the method through, then fails the one after (a crash half-way). */
  failAfter(method: Method, passes: number, error: Error = new Error(`injected failure in ${method}`)): void {
    this.delayed.set(method, { passes, error });
  }

  /** Throws the next queued error for the method, if any. */
  check(method: Method): void {
    const delayed = this.delayed.get(method);
    if (delayed) {
      if (delayed.passes > 0) delayed.passes -= 1;
      else {
        this.delayed.delete(method);
        throw delayed.error;
      }
    }
    const error = this.queued.get(method)?.shift();
    if (error) throw error;
  }
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}
