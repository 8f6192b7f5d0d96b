// The page's only way to the API: adds the admin bearer token (kept in
// sessionStorage, so it dies with the tab) and turns problem+json into errors.

const TOKEN_KEY = 'edgewatch.adminToken';

/** Thrown on 401: the page goes back to the login form. */
export class Unauthorized extends Error {}

/** Any other refusal: the problem's `detail` as message, and the HTTP status. */
export class ApiError extends Error {
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  login: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  logout: () => sessionStorage.removeItem(TOKEN_KEY),
};

async function call(path: string, init: RequestInit = {}, as?: string): Promise<Response> {
  const token = as ?? session.token();
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  const response = await fetch(path, { ...init, headers });
  if (response.status === 401) throw new Unauthorized('The admin token was refused.');
  return response;
}

async function failure(response: Response, path: string): Promise<ApiError> {
  const text = await response.text();
  try {
    const problem = JSON.parse(text) as { detail?: string; title?: string };
    return new ApiError(problem.detail ?? problem.title ?? `${path}: ${response.status}`, response.status);
  } catch {
    return new ApiError(`${path}: ${response.status} ${text.slice(0, 120)}`, response.status);
  }
}

/**
 * GET/POST JSON with the admin token (or `as`, e.g. a device token); throws
 * Unauthorized on 401 and an ApiError with the problem's detail otherwise.
 */
export async function api<T>(path: string, init: { method?: string; body?: unknown; as?: string } = {}): Promise<T> {
  const response = await call(path, { method: init.method ?? 'GET', ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) }, init.as);
  if (!response.ok) throw await failure(response, path);
  return (await response.json()) as T;
}

/** Like `api`, but an endpoint that is not there yet (404) answers undefined. */
export async function optionalApi<T>(path: string): Promise<T | undefined> {
  const response = await call(path);
  if (response.status === 404) return undefined;
  if (!response.ok) throw await failure(response, path);
  return (await response.json()) as T;
}
