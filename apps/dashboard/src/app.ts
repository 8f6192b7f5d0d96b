// The dashboard component's handler: the embedded web app through
// libs/static-site, with a Content-Security-Policy that allows only our own
// files and API (the page has no inline script and loads nothing third-party).
import { serveStatic, type AssetTable } from '@edgewatch/static-site';

export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Build the fetch handler over an asset table (the generated one in the component). */
export function createDashboardHandler(assets: AssetTable) {
  return (request: Request): Response =>
    serveStatic(request, assets, {
      // Spin passes the path as the client sent it; the Request URL may have resolved `..` already.
      rawPath: request.headers.get('spin-path-info'),
      headers: { 'content-security-policy': CONTENT_SECURITY_POLICY, 'referrer-policy': 'no-referrer' },
    });
}
