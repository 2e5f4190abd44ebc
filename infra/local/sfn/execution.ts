import type { ExecutionRecord, ThreadRecord } from './records';
import type { Json, LoadedDefinition } from './types';

/**
 * In-memory image of one running execution. Every mutation happens inside `run`, which
 * serializes work per execution (Lambda calls run outside it; their results come back through it).
 */
export class ExecutionRuntime {
  readonly threads = new Map<string, ThreadRecord>();
  /** Threads to step next (drained inside the lock). */
  readonly queue: string[] = [];
  /** Threads whose deadline handler is queued, so the scheduler does not queue it twice. */
  readonly firing = new Set<string>();
  closed = false;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    public record: ExecutionRecord,
    readonly definition: LoadedDefinition,
    public lastEventId: number,
  ) {}

  get arn(): string {
    return this.record.executionArn;
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Resolves once all work queued so far has finished. */
  idle(): Promise<void> {
    return this.run(async () => undefined);
  }

  enqueue(threadId: string): void {
    if (!this.queue.includes(threadId)) this.queue.push(threadId);
  }

  /** Variables visible to a thread: outer scopes first, its own scope last. */
  visibleVariables(thread: ThreadRecord): Record<string, Json> {
    const chain: ThreadRecord[] = [];
    for (let t: ThreadRecord | undefined = thread; t; t = t.parentId ? this.threads.get(t.parentId) : undefined) chain.unshift(t);
    return Object.assign({}, ...chain.map((t) => t.variables));
  }

  /** The thread and all its descendants' ids (ids nest: child = `${parent}/${seq}.${i}`). */
  descendantsOf(threadId: string): ThreadRecord[] {
    const prefix = `${threadId}/`;
    return [...this.threads.values()].filter((t) => t.id.startsWith(prefix));
  }
}
