import { randomBytes } from 'node:crypto';
import { IDE_CONTENT_SECURITY_POLICY } from '../src/server/ide';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The offline development IDE over plain HTTP: the page and its files, their content types,
 * caching and Content-Security-Policy; none of it in production. The browser test
 * (ide.browser.test.ts) proves the page works.
 */

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const openPage = (app: TestApp) => fetch(`${app.app.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
const assetUrlsOf = (html: string) => [...html.matchAll(/(?:href|src)="(\/ide\/[^"]+)"/g)].map((match) => match[1]);

let t: TestApp;
let html: string;
beforeAll(async () => {
  t = await startTestApp({ seed: false, env: { NODE_ENV: 'development', SECRETS_HASH_COST: '10' } });
  html = await (await openPage(t)).text();
});
afterAll(() => t.close());

describe('development: the IDE is served from this server', () => {

  it('a browser opening /graphql gets the GraphiQL page with a strict CSP and the token hint', async () => {
    const res = await openPage(t);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(IDE_CONTENT_SECURITY_POLICY);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('vary')).toContain('Accept');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(html).toContain('npm run token -- CW1002');
    // Everything from this server: no absolute URL, no inline script or style.
    expect(html).not.toMatch(/(?:href|src)="(?:https?:)?\/\//);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=/);
    expect(assetUrlsOf(html)).toHaveLength(6);
  });

  it('the CSP allows only this server (data: for GraphiQL\'s embedded fonts), no inline code, no eval', () => {
    const directives = new Map(IDE_CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    for (const name of ['script-src', 'style-src', 'connect-src']) expect(directives.get(name)).toEqual(["'self'"]);
    expect(directives.get('font-src')).toEqual(["'self'", 'data:']);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('each file has its content type, the CSP, an ETag and a year-long immutable cache (its URL holds its hash)', async () => {
    const types: string[] = [];
    for (const path of assetUrlsOf(html)) {
      const res = await fetch(`${t.app.url}${path}`);
      expect(res.status).toBe(200);
      const type = res.headers.get('content-type')!;
      types.push(`${path.split('/').pop()} ${type}`);
      expect(type).toBe(path.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('content-security-policy')).toBe(IDE_CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('etag')).toMatch(/^"[\w-]{27}"$/);
      expect(path).toContain(res.headers.get('etag')!.slice(1, 13));
      expect(Number(res.headers.get('content-length'))).toBe((await res.arrayBuffer()).byteLength);
    }
    expect(types.map((line) => line.split(' ')[0])).toEqual([
      'graphiql.min.css', 'ide.css', 'react.production.min.js', 'react-dom.production.min.js', 'graphiql.min.js', 'ide.js',
    ]);
  });

  it('a cached file is revalidated with 304 and no body; HEAD answers headers only', async () => {
    const path = assetUrlsOf(html).find((url) => url.endsWith('/graphiql.min.js'))!;
    const first = await fetch(`${t.app.url}${path}`);
    const etag = first.headers.get('etag')!;
    await first.arrayBuffer();
    const again = await fetch(`${t.app.url}${path}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const head = await fetch(`${t.app.url}${path}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(1_000_000);
    expect(await head.text()).toBe('');
  });

  it('an unknown or stale file is 404, another method 405', async () => {
    const path = assetUrlsOf(html).find((url) => url.endsWith('/ide.js'))!;
    expect((await fetch(`${t.app.url}/ide/000000000000/ide.js`)).status).toBe(404);
    expect((await fetch(`${t.app.url}/ide/../package.json`)).status).toBe(404);
    expect((await fetch(`${t.app.url}${path.replace('ide.js', 'server.js')}`)).status).toBe(404);
    const post = await fetch(`${t.app.url}${path}`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('GraphQL clients on /graphql are unaffected: JSON GET and POST, and introspection works', async () => {
    const get = await fetch(`${t.app.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/graphql-response+json, application/json', 'apollo-require-preflight': 'true' },
    });
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
    // A browser's GET that carries a query is a GraphQL request, not the page.
    const withQuery = await fetch(`${t.app.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: BROWSER_ACCEPT, 'apollo-require-preflight': 'true' },
    });
    expect(withQuery.headers.get('content-type')).not.toContain('text/html');
    const introspection = await t.as()('{ __schema { queryType { name } } }');
    expect(introspection.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});

describe('production: no IDE', () => {
  let prod: TestApp;
  beforeAll(async () => {
    prod = await startTestApp({
      seed: false,
      env: {
        NODE_ENV: 'production',
        DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://not-used-by-the-harness/none',
        JWT_SECRET: randomBytes(32).toString('hex'),
        SECRETS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      },
    });
  });
  afterAll(() => prod?.close());

  it('a browser opening /graphql gets no page (landing page disabled), and no IDE file is served', async () => {
    const res = await openPage(prod);
    const body = await res.text();
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).not.toContain('text/html');
    // Apollo's own answer to a GET without a query (CSRF prevention): JSON, no page.
    expect(JSON.parse(body).errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(body).not.toMatch(/graphiql|<html|landing/i);
    // The very URLs development serves.
    expect(assetUrlsOf(html)).toHaveLength(6);
    for (const path of ['/ide/', '/ide/graphiql.min.js', ...assetUrlsOf(html)]) {
      expect((await fetch(`${prod.app.url}${path}`)).status).toBe(404);
    }
  });
});
