import { type ActionTokenRecord, ActionTokenRecordSchema } from '../../../shared/domain/action-token';
import type { Choice } from '../../../shared/kernel/ids';
import { ConflictError } from '../../../shared/errors';
import type { ActionTokenRepository } from '../../../shared/ports/action-token-repository';
import { tokenConditionError } from '../../../functions/adapters/token-conditions';
import { clone, Faults } from './faults';

type Method = keyof ActionTokenRepository;

export class FakeTokenRepository implements ActionTokenRepository {
  readonly faults = new Faults<Method>();
  private readonly tokens = new Map<string, ActionTokenRecord>();

  async put(token: ActionTokenRecord): Promise<void> {
    this.faults.check('put');
    const parsed = ActionTokenRecordSchema.parse(token);
    if (this.tokens.has(parsed.tokenHash)) throw new ConflictError('Token hash exists');
    this.tokens.set(parsed.tokenHash, clone(parsed));
  }

  async getByHash(tokenHash: string): Promise<ActionTokenRecord | undefined> {
    this.faults.check('getByHash');
    const token = this.tokens.get(tokenHash);
    return token && clone(token);
  }

  async markUsed(tokenHash: string, choice: Choice, at: Date): Promise<ActionTokenRecord> {
    this.faults.check('markUsed');
    const next = this.usable(tokenHash);
    next.usedAt = at.toISOString();
    next.usedChoice = choice;
    this.tokens.set(tokenHash, next);
    return clone(next);
  }

  async supersede(tokenHash: string, supersededBy: string): Promise<void> {
    this.faults.check('supersede');
    const next = this.usable(tokenHash);
    next.supersededBy = supersededBy;
    this.tokens.set(tokenHash, next);
  }

  /** Test helper: every stored token. */
  all(): ActionTokenRecord[] {
    return [...this.tokens.values()].map(clone);
  }

  private usable(tokenHash: string): ActionTokenRecord {
    const current = this.tokens.get(tokenHash);
    const reason = tokenConditionError(current);
    if (reason) throw reason;
    return clone(current!);
  }
}
