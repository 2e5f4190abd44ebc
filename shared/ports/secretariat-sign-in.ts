/**
 * Sign-in of secretariat staff through an OpenID Connect provider (Cognito's hosted UI in
 * AWS): authorization code flow with PKCE. The pages keep `state` and the code verifier in a
 * short-lived signed cookie; after the callback they issue their own signed session cookie
 * (shared/pages/secretariat/session.ts), so the provider is asked once per sign-in.
 */
export interface SignedInUser {
  /** The provider's stable subject id (Cognito `sub`, a UUID). */
  sub: string;
  /** Shown on the pages as who is signed in; never logged. */
  email?: string;
}

export interface AuthorizeRequest {
  state: string;
  /** BASE64URL(SHA-256(code verifier)), method S256. */
  codeChallenge: string;
  redirectUri: string;
}

export interface CompleteSignIn {
  code: string;
  codeVerifier: string;
  redirectUri: string;
}

export interface OidcSignIn {
  /** Where to send the browser to sign in. */
  authorizeUrl(request: AuthorizeRequest): string;
  /**
   * Exchanges the code at the token endpoint and verifies the ID token (signature against the
   * provider's JWKS, issuer, audience = client id, token_use = id, expiry). Throws
   * UnauthorizedError (shared/errors.ts) when anything does not hold (cause = what failed).
   */
  completeSignIn(request: CompleteSignIn): Promise<SignedInUser>;
  /** Where to send the browser to end the provider's session too; it returns to `logoutUri`. */
  logoutUrl(logoutUri: string): string;
}
