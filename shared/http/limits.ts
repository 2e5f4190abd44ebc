/**
 * The largest request body any route takes, checked before the body is decoded or parsed.
 * API Gateway's own limit (10 MB) would let a body through that costs far more to validate
 * than any real application: the largest valid one (need description 10 000 characters,
 * 500 participating municipalities) is under 100 KB even percent-encoded as a form.
 */
export const MAX_REQUEST_BODY_BYTES = 256 * 1024;
