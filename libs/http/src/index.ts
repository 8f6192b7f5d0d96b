// HTTP building blocks shared by every component: RFC 9457 problem responses,
// the API router factory, the health route and cross-cutting middleware.
// Guest-safe: only Web-standard Request/Response, no Node APIs.
export { HttpProblem, problemResponse, toProblemResponse, PROBLEM_CONTENT_TYPE } from './problem.ts';
export type { ProblemInit } from './problem.ts';
export { createApiRouter } from './api-router.ts';
export type { ApiRouterOptions } from './api-router.ts';
export { healthRoute } from './health.ts';
export { withRequestId, REQUEST_ID_HEADER } from './middleware/request-id.ts';
export { readJsonBody } from './body.ts';
export { bearerAuth, bearerToken, forbidden } from './middleware/bearer-auth.ts';
export type { BearerAuthOptions } from './middleware/bearer-auth.ts';
export { adminAuth, secretsEqual, ADMIN_NOT_CONFIGURED } from './middleware/admin-auth.ts';
