/** An error answer of a local AWS JSON endpoint: the AWS error code (`__type`/x-amzn-errortype) and HTTP status. */
export class AwsApiError extends Error {
  override readonly name: string = 'AwsApiError';
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}
