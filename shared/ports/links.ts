/** Public URLs the system hands out (built from the configured base URL, never from input). */
export interface Links {
  /** The applicant's unguessable status page, /sak/{caseId}. */
  caseStatus(caseId: string): string;
  /** An action link, /handling/{token}. */
  action(rawToken: string): string;
}

export function makeLinks(publicBaseUrl: string): Links {
  const base = publicBaseUrl.replace(/\/+$/, '');
  return {
    caseStatus: (caseId) => `${base}/sak/${encodeURIComponent(caseId)}`,
    action: (rawToken) => `${base}/handling/${encodeURIComponent(rawToken)}`,
  };
}
