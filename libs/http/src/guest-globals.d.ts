// Globals StarlingMonkey (componentize-js) gives a component's JS: the
// Service-Worker style `fetch` event that carries each incoming request.
interface FetchEvent extends Event {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
}

declare function addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
