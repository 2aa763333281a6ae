import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { type AppConfig, isProduction } from '../config';
import { IDE_BOOT_SCRIPT, IDE_CSS, idePageHtml } from './ide-page';

/**
 * The development GraphQL IDE: GraphiQL from its npm package, served by this server on GET /graphql
 * to a browser, so it works offline (Apollo's landing page loads from a CDN). Not in production:
 * there the landing page is disabled and no asset is served.
 */

/** Where the IDE's files are served; each URL carries its content's hash, so it can be cached for good. */
export const IDE_ASSET_PREFIX = '/ide/';

/**
 * Only this server: no CDN, no inline script or style, no eval. GraphiQL's fonts are data: URLs.
 * The one thing refused is the <style> tag a GraphiQL dialog adds to lock the page's scrolling
 * (react-remove-scroll, no nonce hook in the bundle): harmless, the page does not scroll.
 */
export const IDE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const HTML = 'text/html; charset=utf-8';

interface Asset {
  contentType: string;
  body: Buffer;
  etag: string;
}

interface Assets {
  page: Asset;
  byPath: Map<string, Asset>;
}

const packageFile = (request: string, file: string) => path.join(path.dirname(require.resolve(request)), file);

/** The files of the page, in the order the page loads them (React before ReactDOM before GraphiQL). */
function sources(): { name: string; contentType: string; body: () => Buffer }[] {
  const fromPackage = (request: string, file: string) => () => readFileSync(packageFile(request, file));
  return [
    { name: 'graphiql.min.css', contentType: CSS, body: fromPackage('graphiql/package.json', 'graphiql.min.css') },
    { name: 'ide.css', contentType: CSS, body: () => Buffer.from(IDE_CSS) },
    { name: 'react.production.min.js', contentType: JS, body: fromPackage('react', 'umd/react.production.min.js') },
    { name: 'react-dom.production.min.js', contentType: JS, body: fromPackage('react-dom', 'umd/react-dom.production.min.js') },
    { name: 'graphiql.min.js', contentType: JS, body: fromPackage('graphiql/package.json', 'graphiql.min.js') },
    { name: 'ide.js', contentType: JS, body: () => Buffer.from(IDE_BOOT_SCRIPT) },
  ];
}

const asset = (contentType: string, body: Buffer): Asset => {
  const hash = createHash('sha256').update(body).digest('base64url');
  return { contentType, body, etag: `"${hash.slice(0, 27)}"` };
};

/** Reads and hashes the files (about 4 MB) on the first IDE request, not at every start. */
function loadAssets(): Assets {
  const byPath = new Map<string, Asset>();
  const styles: string[] = [];
  const scripts: string[] = [];
  for (const source of sources()) {
    const file = asset(source.contentType, source.body());
    const url = `${IDE_ASSET_PREFIX}${file.etag.slice(1, 13)}/${source.name}`;
    byPath.set(url, file);
    (source.contentType === CSS ? styles : scripts).push(url);
  }
  return { page: asset(HTML, Buffer.from(idePageHtml({ styles, scripts }))), byPath };
}

/** A browser navigating to /graphql (not a GraphQL GET, which carries `query`) gets the IDE. */
function wantsPage(req: IncomingMessage, url: URL): boolean {
  if (url.pathname !== '/graphql' || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  if (url.searchParams.has('query')) return false;
  return (req.headers.accept ?? '').split(',').some((type) => /^\s*text\/html\s*(;|$)/i.test(type));
}

function send(req: IncomingMessage, res: ServerResponse, file: Asset, cacheControl: string) {
  res.setHeader('content-security-policy', IDE_CONTENT_SECURITY_POLICY);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('cross-origin-resource-policy', 'same-origin');
  res.setHeader('cache-control', cacheControl);
  res.setHeader('etag', file.etag);
  if (req.headers['if-none-match'] === file.etag) {
    res.statusCode = 304;
    return res.end();
  }
  res.setHeader('content-type', file.contentType);
  res.setHeader('content-length', file.body.length);
  res.statusCode = 200;
  res.end(req.method === 'HEAD' ? undefined : file.body);
}

export interface Ide {
  /** Answers the request when it is the IDE's page or one of its files; false to let it pass on. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean;
}

/** The IDE outside production; undefined in production, where nothing of it is served. */
export function createIde(config: AppConfig): Ide | undefined {
  if (isProduction(config)) return undefined;
  let assets: Assets | undefined;
  const loaded = () => (assets ??= loadAssets());
  return {
    handle(req, res, url) {
      if (wantsPage(req, url)) {
        // The same URL answers JSON to GraphQL clients: caches must key on Accept.
        res.setHeader('vary', 'Origin, Accept');
        send(req, res, loaded().page, 'no-cache');
        return true;
      }
      if (!url.pathname.startsWith(IDE_ASSET_PREFIX)) return false;
      const file = loaded().byPath.get(url.pathname);
      if (!file) return false;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
        res.end('Method not allowed.');
        return true;
      }
      send(req, res, file, 'public, max-age=31536000, immutable');
      return true;
    },
  };
}
