// Handlers over alerts: evaluate (chained from ingest, and the cron job), list,
// one alert with its history, acknowledge, and the delivery log.
import { HttpProblem, readJsonBody } from '@edgewatch/http';
import type { IRequest } from 'itty-router';
import {
  acknowledgeAlert,
  alertHistory,
  alertingStats,
  buildViews,
  collectAlerts,
  evaluate,
  filterViews,
  iso,
  knownDevices,
  listDeliveries,
  loadConfig,
  parseEvaluateBody,
} from '@edgewatch/alerts';
import type { AlertingContext } from './context.ts';

const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** Turn a validation Error from the lib into a 400 problem. */
export function invalid(type: string, title: string, error: unknown): never {
  throw new HttpProblem({ status: 400, type, title, detail: (error as Error).message });
}

const query = (request: IRequest, name: string) => {
  const value = request.query[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** Handlers for /evaluate, /, /:id, /:id/ack, /deliveries and /stats. */
export function alertHandlers(ctx: AlertingContext) {
  const views = () => {
    const env = ctx.env();
    const config = loadConfig(env);
    return buildViews(collectAlerts(env, config, knownDevices(env)), config, env.now(), env.externalUrl);
  };
  return {
    async evaluate(request: IRequest) {
      const env = ctx.env();
      const text = await request.text();
      let body: unknown;
      if (text.trim() !== '') body = await readJsonBody(new Request('http://body', { method: 'POST', body: text }), MAX_BODY_BYTES);
      let readings;
      try {
        readings = parseEvaluateBody(body, env.now());
      } catch (error) {
        invalid('invalid-readings', 'Invalid readings', error);
      }
      return Response.json(await evaluate(env, readings));
    },

    list(request: IRequest) {
      const filter = { state: query(request, 'state'), device: query(request, 'device'), severity: query(request, 'severity'), rule: query(request, 'rule') };
      return Response.json({ alerts: filterViews(views(), filter) });
    },

    get(request: IRequest) {
      const alert = views().find((v) => v.id === request.params.id);
      if (!alert) throw new HttpProblem({ status: 404, type: 'alert-not-found', title: 'Alert not found', detail: `No alert has id ${request.params.id}.` });
      const history = alertHistory(ctx.env(), alert.fingerprint).map(({ seq, value }) => ({ revision: seq, event: value.event, state: value.state, at: iso(value.at), ...(value.value !== undefined ? { value: value.value } : {}) }));
      return Response.json({ ...alert, history });
    },

    async ack(request: IRequest) {
      // The body is optional: an empty one acknowledges as "admin".
      const text = await request.text();
      let parsed: unknown = {};
      if (text.trim()) {
        try {
          parsed = JSON.parse(text);
        } catch (error) {
          throw new HttpProblem({ status: 400, type: 'invalid-json', title: 'Invalid JSON', detail: `The body is not valid JSON: ${(error as Error).message}` });
        }
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new HttpProblem({ status: 400, type: 'invalid-body', title: 'Invalid body', detail: 'An acknowledgement body is empty or a JSON object like {"by":"alice","comment":"on it"}.' });
      }
      const body = parsed as { by?: unknown; comment?: unknown };
      const by = typeof body.by === 'string' && body.by ? body.by : 'admin';
      const comment = typeof body.comment === 'string' ? body.comment : undefined;
      const outcome = await acknowledgeAlert(ctx.env(), String(request.params.id), by, comment);
      if (outcome.ok) return Response.json({ id: request.params.id, acknowledged: { ...outcome.record.acknowledged, at: iso(outcome.record.acknowledged!.at) } });
      if (outcome.reason === 'not-found') throw new HttpProblem({ status: 404, type: 'alert-not-found', title: 'Alert not found', detail: `No alert has id ${request.params.id}.` });
      throw new HttpProblem({ status: 409, type: 'alert-not-open', title: 'Alert not open', detail: `Only pending or firing alerts can be acknowledged; this one is ${outcome.record?.state}.` });
    },

    deliveries(request: IRequest) {
      const env = ctx.env();
      const limit = Number(query(request, 'limit') ?? 100);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new HttpProblem({ status: 400, type: 'invalid-query', title: 'Invalid query', detail: 'limit must be an integer from 1 to 1000' });
      return Response.json({ deliveries: listDeliveries(env, loadConfig(env).receivers, { status: query(request, 'status'), limit }) });
    },

    /** Operator counters, folded from the alert logs and the whole delivery outbox (libs/alerts stats.ts). */
    stats() {
      const env = ctx.env();
      const deliveries = listDeliveries(env, loadConfig(env).receivers, { limit: Number.MAX_SAFE_INTEGER });
      return Response.json(alertingStats(views(), deliveries), { headers: { 'cache-control': 'no-store' } });
    },
  };
}
