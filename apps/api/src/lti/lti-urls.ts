import type { Request } from 'express';
import type { Environment } from '@app/config';

/** The URLs an LMS admin enters on their side, all under one public origin. */
export interface ToolUrls {
  loginInitiationUrl: string;
  launchUrl: string;
  deepLinkingUrl: string;
  jwksUrl: string;
}

/** PUBLIC_URL when set, else the request's own scheme and host (Express honours TRUST_PROXY there). */
export function publicOrigin(env: Environment, request: Request): string {
  return env.PUBLIC_URL ?? `${request.protocol}://${request.get('host')}`;
}

export function toolUrls(origin: string): ToolUrls {
  return {
    loginInitiationUrl: `${origin}/api/lti/login`,
    // One redirect URI for both messages: the id_token says which message it is.
    launchUrl: `${origin}/api/lti/launch`,
    deepLinkingUrl: `${origin}/api/lti/launch`,
    jwksUrl: `${origin}/api/lti/jwks`,
  };
}
