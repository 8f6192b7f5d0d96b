// HTTP calls to a running edgewatch app, with the failures a user can act on
// turned into one sentence: app not running, token refused, problem details.

/** A refusal by the app; `status` lets callers react to one (e.g. 409 device exists). */
export class ApiError extends Error {
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

export interface ApiOptions {
  url: string;
  token?: string;
}

/** Default app URL: --url, else EDGEWATCH_URL, else the runner's default listen address. */
export function defaultUrl(): string {
  return process.env.EDGEWATCH_URL ?? 'http://127.0.0.1:3000';
}

/** Call the app and return parsed JSON; throws an Error whose message is the one line to show. */
export async function callApi(options: ApiOptions, method: string, path: string, body?: unknown): Promise<unknown> {
  let response: Response;
  const target = new URL(path, options.url);
  try {
    response = await fetch(target, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; errors?: { code?: string }[]; message?: string } }).cause;
    const code = cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message ?? (error as Error).message;
    throw new Error(`cannot reach ${options.url} (${code}); start the app with \`npm start\` or pass --url`);
  }
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text for the message
  }
  if (!response.ok) {
    const detail = (parsed as { detail?: string } | undefined)?.detail ?? (typeof parsed === 'string' ? parsed.slice(0, 200) : '');
    if (response.status === 401) throw new ApiError(`${method} ${target.pathname}: the token was refused (401); check EDGEWATCH_ADMIN_TOKEN / --token`, 401);
    throw new ApiError(`${method} ${target.pathname}: ${response.status} ${detail}`.trim(), response.status);
  }
  return parsed;
}

/** The admin token from the environment, or a one-line failure saying where to find it. */
export function adminToken(): string {
  const token = process.env.EDGEWATCH_ADMIN_TOKEN;
  if (!token) throw new Error('EDGEWATCH_ADMIN_TOKEN is not set; use the admin_token `npm start` printed (also in .spin/generated-secrets.json)');
  return token;
}
