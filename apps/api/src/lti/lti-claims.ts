/** Claim names of LTI 1.3 Core, Deep Linking 2.0 and AGS 2.0 (IMS specifications). */
export const CLAIM = {
  messageType: 'https://purl.imsglobal.org/spec/lti/claim/message_type',
  version: 'https://purl.imsglobal.org/spec/lti/claim/version',
  deploymentId: 'https://purl.imsglobal.org/spec/lti/claim/deployment_id',
  targetLinkUri: 'https://purl.imsglobal.org/spec/lti/claim/target_link_uri',
  resourceLink: 'https://purl.imsglobal.org/spec/lti/claim/resource_link',
  roles: 'https://purl.imsglobal.org/spec/lti/claim/roles',
  context: 'https://purl.imsglobal.org/spec/lti/claim/context',
  custom: 'https://purl.imsglobal.org/spec/lti/claim/custom',
  ags: 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint',
  deepLinkingSettings: 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings',
  contentItems: 'https://purl.imsglobal.org/spec/lti-dl/claim/content_items',
  deepLinkingData: 'https://purl.imsglobal.org/spec/lti-dl/claim/data',
} as const;

export const RESOURCE_LINK_REQUEST = 'LtiResourceLinkRequest';
export const DEEP_LINKING_REQUEST = 'LtiDeepLinkingRequest';
export const DEEP_LINKING_RESPONSE = 'LtiDeepLinkingResponse';
export const LTI_VERSION = '1.3.0';
export const AGS_SCORE_SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';

/**
 * Instructor (with its sub-roles such as TeachingAssistant) and ContentDeveloper of the course
 * teach; everyone else learns. Institution and system Administrator roles are deliberately not
 * mapped: an LMS admin is no PyQuiz admin unless a PyQuiz admin makes them one.
 */
export function mapRoles(roles: unknown): 'learner' | 'instructor' {
  if (!Array.isArray(roles)) return 'learner';
  const teaches = roles.some(
    (role) =>
      typeof role === 'string' &&
      (/^http:\/\/purl\.imsglobal\.org\/vocab\/lis\/v2\/membership(#|\/)(Instructor|ContentDeveloper)\b/.test(role) || role === 'Instructor' || role === 'ContentDeveloper'),
  );
  return teaches ? 'instructor' : 'learner';
}

/** The quiz a resource link opens: the `quiz` custom parameter (deep linking sets it), else `?quiz=` of the target link. */
export function quizOfLaunch(custom: unknown, targetLinkUri: unknown): string | undefined {
  const fromCustom = custom && typeof custom === 'object' ? (custom as Record<string, unknown>).quiz : undefined;
  if (typeof fromCustom === 'string' && fromCustom) return fromCustom;
  if (typeof targetLinkUri !== 'string') return undefined;
  try {
    return new URL(targetLinkUri).searchParams.get('quiz') ?? undefined;
  } catch {
    return undefined;
  }
}

/** The AGS line item to post scores to, when the launch grants the score scope. */
export function lineItemOf(ags: unknown): string | undefined {
  if (!ags || typeof ags !== 'object') return undefined;
  const { lineitem, scope } = ags as { lineitem?: unknown; scope?: unknown };
  if (typeof lineitem !== 'string' || !Array.isArray(scope) || !scope.includes(AGS_SCORE_SCOPE)) return undefined;
  return lineitem;
}

/** `<lineitem>/scores`, keeping the line item's query string where the spec wants it (after the path). */
export function scoresUrl(lineItemUrl: string): string {
  const url = new URL(lineItemUrl);
  url.pathname = `${url.pathname.replace(/\/$/, '')}/scores`;
  return url.toString();
}
