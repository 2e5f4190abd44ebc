import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One logger per container. Log only ids, codes and counts: never tokens, emails, names or
 * free-text fields from the application (personal data).
 */
export const logger = new Logger({ serviceName: 'beslutningsflyt' });
