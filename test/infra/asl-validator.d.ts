// asl-validator 4 ships no type declarations; this is the part of its API the tests use.
declare module 'asl-validator' {
  interface AslValidatorError {
    readonly message?: string;
    readonly [key: string]: unknown;
  }
  interface AslValidatorResult {
    readonly isValid: boolean;
    readonly errors: readonly AslValidatorError[];
    errorsText(separator?: string): string;
  }
  function aslValidator(
    definition: unknown,
    options?: { checkPaths?: boolean; checkArn?: boolean },
  ): AslValidatorResult;
  export default aslValidator;
}
