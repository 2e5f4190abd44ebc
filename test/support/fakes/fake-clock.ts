import type { Clock } from '../../../shared/ports/clock';

export class FakeClock implements Clock {
  private current: number;

  constructor(start: string | Date = '2026-03-02T09:00:00.000Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: string | Date): void {
    this.current = new Date(at).getTime();
  }

  advance(ms: number): Date {
    this.current += ms;
    return this.now();
  }
}
