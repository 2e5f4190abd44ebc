// PLACEHOLDER: replaced by the real handler (see shared/workflow/contract.ts FUNCTIONS).
export const handler = async (): Promise<never> => {
  throw new Error('not implemented yet');
};
