/**
 * The one place that talks HTTP. Same origin, so the httpOnly `access_token` cookie travels with
 * every request; the server's error body `{ statusCode, message, details }` becomes an ApiError.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ApiResponse<T> {
  status: number;
  body: T;
}

/** Fired on any 401: the session expired or was never there; the app shows the sign-in form. */
export const UNAUTHORIZED_EVENT = 'pyquiz:unauthorized';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Values kept for this tab only, such as the session of an LMS launch: inside the LMS's iframe
 * the browser may refuse PyQuiz's cookie (a third-party cookie), so the token from the launch
 * exchange is sent as a Bearer header instead. sessionStorage survives a reload; where the
 * browser refuses third-party storage too, memory keeps them until the page is left.
 */
const tabMemory = new Map<string, string>();

export function setTabValue(key: string, value: string | null): void {
  if (value) tabMemory.set(key, value);
  else tabMemory.delete(key);
  try {
    if (value) sessionStorage.setItem(key, value);
    else sessionStorage.removeItem(key);
  } catch {
    // Storage refused (third-party iframe with blocked storage): memory only.
  }
}

export function tabValue(key: string): string | null {
  try {
    return tabMemory.get(key) ?? sessionStorage.getItem(key);
  } catch {
    return tabMemory.get(key) ?? null;
  }
}

const TAB_SESSION_KEY = 'pyquiz.lti-session';

export function setTabSession(token: string | null): void {
  setTabValue(TAB_SESSION_KEY, token);
}

/** `keepalive`: the request outlives the page (a draft saved as the learner leaves it). */
export async function request<T>(method: Method, path: string, body?: unknown, options: { keepalive?: boolean } = {}): Promise<ApiResponse<T>> {
  const token = tabValue(TAB_SESSION_KEY);
  const init: RequestInit = { method, credentials: 'same-origin', keepalive: options.keepalive ?? false, headers: { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { ...init.headers, 'Content-Type': 'application/json' };
  }
  const response = await fetch(path, init);
  const text = await response.text();
  const parsed: unknown = text ? safeJson(text) : undefined;
  if (response.status === 401) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
  if (!response.ok) throw toApiError(response.status, parsed);
  return { status: response.status, body: parsed as T };
}

export const api = {
  get: async <T>(path: string) => (await request<T>('GET', path)).body,
  post: async <T>(path: string, body?: unknown) => (await request<T>('POST', path, body ?? {})).body,
  put: async <T>(path: string, body?: unknown) => (await request<T>('PUT', path, body ?? {})).body,
  patch: async <T>(path: string, body?: unknown) => (await request<T>('PATCH', path, body ?? {})).body,
  delete: async <T>(path: string) => (await request<T>('DELETE', path)).body,
};

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toApiError(status: number, body: unknown): ApiError {
  if (body && typeof body === 'object') {
    const { message, details } = body as { message?: unknown; details?: unknown };
    const text = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : `HTTP ${status}`;
    return new ApiError(status, text, details);
  }
  return new ApiError(status, typeof body === 'string' && body ? body : `HTTP ${status}`);
}

/** A message a person can act on, for any thrown value. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'Please sign in again.';
    if (error.status === 429) return 'Too many requests: wait a moment and try again.';
    return detailText(error.details) ?? error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

function detailText(details: unknown): string | undefined {
  if (!Array.isArray(details)) return undefined;
  const lines = details
    .map((d) => (d && typeof d === 'object' && 'errors' in d ? (d as { errors: string[] }).errors.join(', ') : undefined))
    .filter((line): line is string => !!line);
  return lines.length ? lines.join('; ') : undefined;
}
