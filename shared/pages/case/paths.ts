/** The applicant's pages of one case: /sak/{caseId}, /sak/{caseId}/endre, /sak/{caseId}/trekk. */
export type CaseSubPage = 'endre' | 'trekk';

export function casePath(caseId: string, sub?: CaseSubPage): string {
  const base = `/sak/${encodeURIComponent(caseId)}`;
  return sub === undefined ? base : `${base}/${sub}`;
}
