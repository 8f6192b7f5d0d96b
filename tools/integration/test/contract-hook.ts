// Vitest setup file: every request an integration test sends to an app under
// test — through the global `fetch` to the app's URL, or in-process through
// `app.fetch` — is checked against the OpenAPI document, and the test that made
// a non-conforming exchange fails, naming the operation and the schema error.
// One hook here rather than a wrapper in every test: tests keep calling
// `startTestApp` and `fetch` as they always did.
import { afterAll, afterEach, vi } from 'vitest';
import { OPENAPI_DOCUMENT } from '@edgewatch/contracts';
import type * as Runner from '@edgewatch/runner';
import { createContractChecker, type Exchange } from './openapi-contract.ts';

const checker = createContractChecker(OPENAPI_DOCUMENT as Record<string, unknown>);
/** Origins of the apps started in this file; only their traffic is judged (not webhook receivers). */
const appOrigins = new Set<string>();
let appsStarted = 0;
let judgedExchanges = 0;
let violations: string[] = [];

type AppFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Record what the contract says about one exchange; the response handed back is untouched. */
async function judged(url: URL, input: string | URL | Request, init: RequestInit | undefined, send: () => Promise<Response>): Promise<Response> {
  // A streamed body can be read only once (by the app): such requests go unjudged.
  if (!checker.inScope(url.pathname) || init?.body instanceof ReadableStream) return send();
  const request = input instanceof Request ? input.clone() : new Request(url, init);
  const requestBody = await request.text();
  const response = await send();
  let responseBody: string;
  try {
    responseBody = await response.clone().text();
  } catch {
    return response; // the connection died mid-body (a restart under load): not a contract matter
  }
  const exchange: Exchange = { method: request.method, url, requestHeaders: request.headers, requestBody, status: response.status, responseHeaders: response.headers, responseBody };
  const verdict = checker.check(exchange);
  judgedExchanges += 1;
  for (const violation of verdict.violations) violations.push(`${verdict.operation} (${request.method} ${url.pathname}${url.search}): ${violation}`);
  return response;
}

// Wrap the in-process `app.fetch` of every app the tests start, and learn its URL.
vi.mock('@edgewatch/runner', async (importOriginal) => {
  const runner = await importOriginal<typeof Runner>();
  const startTestApp: typeof runner.startTestApp = async (options) => {
    const app = await runner.startTestApp(options);
    appsStarted += 1;
    if (app.url) appOrigins.add(new URL(app.url).origin);
    const inProcess: AppFetch = app.fetch.bind(app);
    app.fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input), 'http://localhost');
      return judged(url, input, init, () => inProcess(input, init));
    };
    return app;
  };
  return { ...runner, startTestApp };
});

// Wrap the global fetch for requests that go to an app over its socket.
const networkFetch = globalThis.fetch;
globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (!appOrigins.has(url.origin)) return networkFetch(input, init);
  return judged(url, input, init, () => networkFetch(input, init));
};

/** Throw (failing the current test or hook) when exchanges broke the contract. */
function reportViolations(when: string): void {
  if (violations.length === 0) return;
  const found = violations;
  violations = [];
  throw new Error(`${found.length} exchange(s) ${when} do not match libs/contracts/openapi/openapi.json:\n- ${found.slice(0, 20).join('\n- ')}`);
}

// Exchanges made in a beforeAll hook are reported by the first test that follows it.
afterEach(() => reportViolations('of this test'));
afterAll(() => {
  reportViolations('made outside tests (hooks)');
  // Apps started but nothing judged: the hook lost track of the tests' traffic.
  if (appsStarted > 0 && judgedExchanges === 0) throw new Error('contract-hook: apps were started but no exchange with them was checked against the OpenAPI document');
});
