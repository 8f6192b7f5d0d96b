// wasi:http/types@0.2 resources for guests in a runner worker. Incoming requests
// and outbound responses are fully buffered by the host; guest-written bodies go
// straight to a sink, so responses stream to the client while the guest runs.
import { InputStream, OutputStream, Pollable } from './io.worker.ts';

type HeaderError = { tag: 'invalid-syntax' | 'forbidden' | 'immutable' };
export type WasiMethod = { tag: string; val?: string };
export type WasiScheme = { tag: 'HTTP' | 'HTTPS' | 'other'; val?: string };
export type ErrorCode = { tag: string; val?: unknown };

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Hop-by-hop headers wasmtime refuses in guest-built fields.
const FORBIDDEN = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'transfer-encoding', 'upgrade', 'http2-settings', 'proxy-authenticate', 'proxy-authorization']);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** `fields` (headers and trailers): lower-cased names, byte values, optionally immutable. */
export class Fields {
  #entries: [string, Uint8Array][] = [];
  #immutable = false;

  static fromList(entries: [string, Uint8Array][]): Fields {
    const fields = new Fields();
    for (const [name, value] of entries) fields.append(name, value);
    return fields;
  }
  /** Runner-internal: fields from host data, frozen (request headers, response headers of outbound calls). */
  static frozen(entries: [string, string][]): Fields {
    const fields = new Fields();
    fields.#entries = entries.map(([n, v]) => [n.toLowerCase(), encoder.encode(v)]);
    fields.#immutable = true;
    return fields;
  }
  /** Runner-internal: freeze after ownership moved to a request or response. */
  freeze(): this {
    this.#immutable = true;
    return this;
  }
  /** Runner-internal: entries as strings. */
  toPairs(): [string, string][] {
    return this.#entries.map(([n, v]) => [n, decoder.decode(v)]);
  }
  #check(name: string): string {
    if (this.#immutable) throw { tag: 'immutable' } satisfies HeaderError;
    if (!TOKEN.test(name)) throw { tag: 'invalid-syntax' } satisfies HeaderError;
    const lower = name.toLowerCase();
    if (FORBIDDEN.has(lower)) throw { tag: 'forbidden' } satisfies HeaderError;
    return lower;
  }
  get(name: string): Uint8Array[] {
    const lower = name.toLowerCase();
    return this.#entries.filter(([n]) => n === lower).map(([, v]) => v);
  }
  has(name: string): boolean {
    const lower = name.toLowerCase();
    return this.#entries.some(([n]) => n === lower);
  }
  set(name: string, values: Uint8Array[]): void {
    const lower = this.#check(name);
    this.#entries = this.#entries.filter(([n]) => n !== lower).concat(values.map((v) => [lower, v.slice()]));
  }
  delete(name: string): void {
    const lower = this.#check(name);
    this.#entries = this.#entries.filter(([n]) => n !== lower);
  }
  append(name: string, value: Uint8Array): void {
    this.#entries.push([this.#check(name), value.slice()]);
  }
  entries(): [string, Uint8Array][] {
    return this.#entries.map(([n, v]) => [n, v]);
  }
  clone(): Fields {
    const copy = new Fields();
    copy.#entries = this.#entries.map(([n, v]) => [n, v]);
    return copy;
  }
}

/** A body being read by the guest (incoming request, or response of an outbound call). */
export class IncomingBody {
  #stream: InputStream | undefined;
  constructor(chunks: Uint8Array[]) {
    this.#stream = new InputStream(chunks);
  }
  stream(): InputStream {
    const stream = this.#stream;
    if (!stream) throw undefined;
    this.#stream = undefined;
    return stream;
  }
  static finish(_body: IncomingBody): FutureTrailers {
    return new FutureTrailers();
  }
}

export class FutureTrailers {
  #taken = false;
  subscribe(): Pollable {
    return new Pollable();
  }
  get() {
    if (this.#taken) return { tag: 'err', val: undefined };
    this.#taken = true;
    return { tag: 'ok', val: { tag: 'ok', val: undefined } };
  }
}

export interface IncomingRequestData {
  method: string;
  pathWithQuery: string;
  scheme: 'http' | 'https';
  authority: string;
  headers: [string, string][];
  body: Uint8Array[];
}

const KNOWN_METHODS = new Set(['get', 'head', 'post', 'put', 'delete', 'connect', 'options', 'trace', 'patch']);

/** Convert an HTTP method string to the WIT variant. */
export function toWasiMethod(method: string): WasiMethod {
  const lower = method.toLowerCase();
  return KNOWN_METHODS.has(lower) && method === method.toUpperCase() ? { tag: lower } : { tag: 'other', val: method };
}

/** Convert the WIT method variant back to a string. */
export function fromWasiMethod(method: WasiMethod): string {
  return method.tag === 'other' ? String(method.val) : method.tag.toUpperCase();
}

export class IncomingRequest {
  readonly #data: IncomingRequestData;
  readonly #headers: Fields;
  #consumed = false;
  constructor(data: IncomingRequestData) {
    this.#data = data;
    this.#headers = Fields.frozen(data.headers);
  }
  method(): WasiMethod {
    return toWasiMethod(this.#data.method);
  }
  pathWithQuery(): string {
    return this.#data.pathWithQuery;
  }
  scheme(): WasiScheme {
    return this.#data.scheme === 'https' ? { tag: 'HTTPS' } : { tag: 'HTTP' };
  }
  authority(): string {
    return this.#data.authority;
  }
  headers(): Fields {
    return this.#headers;
  }
  consume(): IncomingBody {
    if (this.#consumed) throw undefined;
    this.#consumed = true;
    return new IncomingBody(this.#data.body);
  }
}

/** Receives a guest's response as it is produced. */
export interface ResponseSink {
  start(status: number, headers: [string, string][]): void;
  chunk(bytes: Uint8Array): void;
  end(trailers?: [string, string][]): void;
  fail(error: ErrorCode): void;
}

export class OutgoingBody {
  #stream: OutputStream | undefined;
  readonly #writer: OutputStream;
  readonly #onFinish: (trailers?: [string, string][]) => void;
  constructor(onChunk: (bytes: Uint8Array) => void, onFinish: (trailers?: [string, string][]) => void) {
    this.#writer = new OutputStream(onChunk);
    this.#stream = this.#writer;
    this.#onFinish = onFinish;
  }
  write(): OutputStream {
    const stream = this.#stream;
    if (!stream) throw undefined;
    this.#stream = undefined;
    return stream;
  }
  static finish(body: OutgoingBody, trailers: Fields | undefined): void {
    body.#writer.close();
    body.#onFinish(trailers?.toPairs());
  }
}

export class OutgoingResponse {
  #status = 200;
  readonly #headers: Fields;
  #body: OutgoingBody | undefined;
  #bodyTaken = false;
  /** Runner-internal: where the body goes once the response is set. */
  sink: ResponseSink | undefined;
  readonly #pending: Uint8Array[] = [];
  #finished: [string, string][] | undefined | false = false;

  constructor(headers: Fields) {
    this.#headers = headers.freeze();
  }
  statusCode(): number {
    return this.#status;
  }
  setStatusCode(status: number): void {
    if (!Number.isInteger(status) || status < 100 || status > 599) throw undefined;
    this.#status = status;
  }
  headers(): Fields {
    return this.#headers;
  }
  body(): OutgoingBody {
    if (this.#bodyTaken) throw undefined;
    this.#bodyTaken = true;
    // A guest may write the body before handing the response to the outparam: buffer until then.
    this.#body = new OutgoingBody(
      (bytes) => (this.sink ? this.sink.chunk(bytes) : this.#pending.push(bytes)),
      (trailers) => (this.sink ? this.sink.end(trailers) : (this.#finished = trailers)),
    );
    return this.#body;
  }
  /** Runner-internal: attach the sink; replays anything written before. */
  attach(sink: ResponseSink): void {
    this.sink = sink;
    sink.start(this.#status, this.#headers.toPairs());
    for (const chunk of this.#pending.splice(0)) sink.chunk(chunk);
    if (this.#finished !== false) sink.end(this.#finished);
  }
}

export class ResponseOutparam {
  readonly #sink: ResponseSink;
  #set = false;
  constructor(sink: ResponseSink) {
    this.#sink = sink;
  }
  get isSet(): boolean {
    return this.#set;
  }
  static set(param: ResponseOutparam, response: { tag: 'ok'; val: OutgoingResponse } | { tag: 'err'; val: ErrorCode }): void {
    if (param.#set) throw new Error('response-outparam.set called twice');
    param.#set = true;
    if (response.tag === 'ok') response.val.attach(param.#sink);
    else param.#sink.fail(response.val);
  }
}

export class RequestOptions {
  #connect: bigint | undefined;
  #firstByte: bigint | undefined;
  #betweenBytes: bigint | undefined;
  connectTimeout() {
    return this.#connect;
  }
  setConnectTimeout(d: bigint | undefined) {
    this.#connect = d;
  }
  firstByteTimeout() {
    return this.#firstByte;
  }
  setFirstByteTimeout(d: bigint | undefined) {
    this.#firstByte = d;
  }
  betweenBytesTimeout() {
    return this.#betweenBytes;
  }
  setBetweenBytesTimeout(d: bigint | undefined) {
    this.#betweenBytes = d;
  }
}

export class OutgoingRequest {
  #method: WasiMethod = { tag: 'get' };
  #pathWithQuery: string | undefined;
  #scheme: WasiScheme | undefined;
  #authority: string | undefined;
  readonly #headers: Fields;
  #bodyTaken = false;
  /** Runner-internal: the body chunks written so far. */
  readonly bodyChunks: Uint8Array[] = [];
  constructor(headers: Fields) {
    this.#headers = headers.freeze();
  }
  body(): OutgoingBody {
    if (this.#bodyTaken) throw undefined;
    this.#bodyTaken = true;
    return new OutgoingBody((bytes) => this.bodyChunks.push(bytes), () => {});
  }
  method() {
    return this.#method;
  }
  setMethod(method: WasiMethod) {
    if (method.tag === 'other' && !TOKEN.test(String(method.val))) throw undefined;
    this.#method = method;
  }
  pathWithQuery() {
    return this.#pathWithQuery;
  }
  setPathWithQuery(value: string | undefined) {
    this.#pathWithQuery = value;
  }
  scheme() {
    return this.#scheme;
  }
  setScheme(value: WasiScheme | undefined) {
    this.#scheme = value;
  }
  authority() {
    return this.#authority;
  }
  setAuthority(value: string | undefined) {
    this.#authority = value;
  }
  headers(): Fields {
    return this.#headers;
  }
}

export interface IncomingResponseData {
  status: number;
  headers: [string, string][];
  body: Uint8Array[];
}

export class IncomingResponse {
  readonly #data: IncomingResponseData;
  readonly #headers: Fields;
  #consumed = false;
  constructor(data: IncomingResponseData) {
    this.#data = data;
    this.#headers = Fields.frozen(data.headers);
  }
  status(): number {
    return this.#data.status;
  }
  headers(): Fields {
    return this.#headers;
  }
  consume(): IncomingBody {
    if (this.#consumed) throw undefined;
    this.#consumed = true;
    return new IncomingBody(this.#data.body);
  }
}

/** The outcome of an outbound request, produced by the outbound-http factor. */
export type OutboundOutcome = { ok: true; response: IncomingResponseData } | { ok: false; error: ErrorCode };

export class FutureIncomingResponse {
  readonly #poll: (timeoutMs: number) => OutboundOutcome | undefined;
  readonly #deferred: boolean;
  #outcome: OutboundOutcome | undefined;
  #taken = false;
  /**
   * `poll(timeoutMs)` returns the outcome once known, blocking up to `timeoutMs`;
   * `deferred`: polling runs the request in this thread (service chaining), see Pollable.
   */
  constructor(poll: (timeoutMs: number) => OutboundOutcome | undefined, deferred = false) {
    this.#poll = poll;
    this.#deferred = deferred;
  }
  #check(timeoutMs: number): boolean {
    this.#outcome ??= this.#poll(timeoutMs);
    return this.#outcome !== undefined;
  }
  subscribe(): Pollable {
    return new Pollable(
      () => this.#check(0),
      (timeoutMs) => void this.#check(timeoutMs),
      this.#deferred,
    );
  }
  get() {
    if (!this.#check(0)) return undefined;
    if (this.#taken) return { tag: 'err', val: undefined };
    this.#taken = true;
    const outcome = this.#outcome!;
    return { tag: 'ok', val: outcome.ok ? { tag: 'ok', val: new IncomingResponse(outcome.response) } : { tag: 'err', val: outcome.error } };
  }
}

/** The wasi:http/types interface as jco's instantiate() expects it. */
export function httpTypesImports() {
  return {
    'wasi:http/types': {
      Fields,
      FutureIncomingResponse,
      FutureTrailers,
      IncomingBody,
      IncomingRequest,
      IncomingResponse,
      OutgoingBody,
      OutgoingRequest,
      OutgoingResponse,
      RequestOptions,
      ResponseOutparam,
      httpErrorCode: () => undefined,
    },
  };
}
