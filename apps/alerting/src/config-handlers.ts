// Admin CRUD over rules, receivers and silences: validated by the alerts lib,
// stored as one document per collection.
import { HttpProblem, readJsonBody } from '@edgewatch/http';
import type { IRequest } from 'itty-router';
import {
  loadReceivers,
  loadRules,
  loadSilences,
  parseReceiver,
  parseRule,
  parseSilence,
  publicReceiver,
  randomId,
  saveCollection,
  upsert,
} from '@edgewatch/alerts';
import { invalid } from './alert-handlers.ts';
import type { AlertingContext } from './context.ts';

const MAX_BODY_BYTES = 64 * 1024;
const notFound = (what: string, id: unknown) => new HttpProblem({ status: 404, type: `${what}-not-found`, title: `${what[0]!.toUpperCase()}${what.slice(1)} not found`, detail: `No ${what} named ${String(id)}.` });

async function parsed<T>(request: IRequest, parse: (body: unknown) => T, type: string, title: string): Promise<T> {
  const body = await readJsonBody(request as unknown as Request, MAX_BODY_BYTES);
  try {
    return parse(body);
  } catch (error) {
    invalid(type, title, error);
  }
}

/** Handlers for /rules, /receivers and /silences. */
export function configHandlers(ctx: AlertingContext) {
  const env = () => ctx.env();
  return {
    listRules: () => Response.json({ rules: loadRules(env()) }),
    getRule(request: IRequest) {
      const rule = loadRules(env()).find((r) => r.id === request.params.id);
      if (!rule) throw notFound('rule', request.params.id);
      return Response.json(rule);
    },
    async putRule(request: IRequest) {
      const id = request.params.id;
      const rule = await parsed(request, (body) => parseRule(id ? { ...(body as object), id } : body), 'invalid-rule', 'Invalid rule');
      const rules = loadRules(env());
      const replaced = upsert(rules, rule, (r) => r.id);
      if (!id && replaced) throw new HttpProblem({ status: 409, type: 'rule-exists', title: 'Rule exists', detail: `A rule with id ${rule.id} exists: PUT /api/v1/alerts/rules/${rule.id} replaces it.` });
      saveCollection(env(), 'rules', rules);
      return Response.json(rule, { status: replaced ? 200 : 201 });
    },
    deleteRule(request: IRequest) {
      const rules = loadRules(env());
      const kept = rules.filter((r) => r.id !== request.params.id);
      if (kept.length === rules.length) throw notFound('rule', request.params.id);
      saveCollection(env(), 'rules', kept);
      return new Response(null, { status: 204 });
    },

    listReceivers: () => Response.json({ receivers: loadReceivers(env()).map(publicReceiver) }),
    getReceiver(request: IRequest) {
      const receiver = loadReceivers(env()).find((r) => r.name === request.params.name);
      if (!receiver) throw notFound('receiver', request.params.name);
      return Response.json(publicReceiver(receiver));
    },
    async putReceiver(request: IRequest) {
      const name = request.params.name;
      const allowed = ctx.config().webhookAllowedHost;
      const receiver = await parsed(request, (body) => parseReceiver(name ? { ...(body as object), name } : body, allowed), 'invalid-receiver', 'Invalid receiver');
      const receivers = loadReceivers(env());
      const replaced = upsert(receivers, receiver, (r) => r.name);
      if (!name && replaced) throw new HttpProblem({ status: 409, type: 'receiver-exists', title: 'Receiver exists', detail: `A receiver named ${receiver.name} exists: PUT /api/v1/alerts/receivers/${receiver.name} replaces it.` });
      saveCollection(env(), 'receivers', receivers);
      return Response.json(publicReceiver(receiver), { status: replaced ? 200 : 201 });
    },
    deleteReceiver(request: IRequest) {
      const receivers = loadReceivers(env());
      const kept = receivers.filter((r) => r.name !== request.params.name);
      if (kept.length === receivers.length) throw notFound('receiver', request.params.name);
      saveCollection(env(), 'receivers', kept);
      return new Response(null, { status: 204 });
    },

    listSilences: () => Response.json({ silences: loadSilences(env()) }),
    async createSilence(request: IRequest) {
      const e = env();
      const silence = await parsed(request, (body) => parseSilence(body, randomId(e), e.now()), 'invalid-silence', 'Invalid silence');
      saveCollection(e, 'silences', [...loadSilences(e), silence]);
      return Response.json(silence, { status: 201 });
    },
    deleteSilence(request: IRequest) {
      const silences = loadSilences(env());
      const kept = silences.filter((s) => s.id !== request.params.id);
      if (kept.length === silences.length) throw notFound('silence', request.params.id);
      saveCollection(env(), 'silences', kept);
      return new Response(null, { status: 204 });
    },
  };
}
