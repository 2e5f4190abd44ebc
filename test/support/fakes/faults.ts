/**
 * Failure injection for fakes: `fake.faults.failNext('save', new Error('boom'))` makes the next
 * call of that method reject before it changes anything, as a dropped connection or a throttled
 * request would. Lets handler tests prove that a failed write leaves no partial state.
 */
export class Faults<Method extends string> {
  private readonly queued = new Map<Method, Error[]>();

  failNext(method: Method, error: Error = new Error(`injected failure in ${method}`)): void {
    const list = this.queued.get(method) ?? [];
    list.push(error);
    this.queued.set(method, list);
  }

  /** Throws the next queued error for the method, if any. */
  check(method: Method): void {
    const error = this.queued.get(method)?.shift();
    if (error) throw error;
  }
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}
