// Globals StarlingMonkey (componentize-js) gives a component's JS: the
// Service-Worker style `fetch` event that carries each incoming request.
interface FetchEvent extends Event {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
  /** Keep the instance alive for background work after the response is sent. */
  waitUntil(promise: Promise<unknown>): void;
}

declare function addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
