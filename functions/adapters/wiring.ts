import { createHash } from 'node:crypto';
import { makeLinks } from '../../shared/ports/links';
import type { SubmitApplicationDeps } from '../../shared/use-cases/submit-application';
import { config } from '../config';
import { awsPorts } from './aws-ports';

/** Production wiring of the use cases' ports (called lazily, once per container). */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function intakeDeps(): SubmitApplicationDeps {
  const ports = awsPorts();
  return { ...ports, links: makeLinks(config().publicBaseUrl), sha256Hex };
}
