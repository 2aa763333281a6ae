import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppConfig } from '../config';
import type { AppMetrics } from './metrics';

/**
 * GET /metrics. The numbers carry no personal data, but they show traffic, error rates and
 * operation names, which is not for the public. So, on the API's own port:
 * - METRICS_TOKEN set: the scraper must send `Authorization: Bearer <token>` (else 401);
 * - unset: open in development and test, absent (404) in production.
 * A token rather than a second port: one port to expose and health-check per container, and the
 * scraper (Prometheus `authorization.credentials_file`) reaches it wherever it reaches the API.
 * Returns false when /metrics is off, so the caller answers as for any unknown path.
 */
export async function serveMetrics(
  req: IncomingMessage,
  res: ServerResponse,
  metrics: AppMetrics,
  access: AppConfig['metrics'],
): Promise<boolean> {
  if (!access.enabled) return false;
  if (access.token !== undefined && !bearerMatches(req.headers.authorization, access.token)) {
    res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer realm="metrics"' });
    res.end('Send the metrics token as a bearer token.\n');
    return true;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    res.end('Use GET.\n');
    return true;
  }
  const { contentType, body } = await metrics.render();
  res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compared as digests of equal length in constant time: the answer time tells nothing about the token. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const match = header === undefined ? null : /^bearer (\S+)$/i.exec(header);
  return match !== null && timingSafeEqual(digest(match[1]), digest(token));
}
