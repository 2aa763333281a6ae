import { loadConfig } from '../src/config';
import { startTestApp, type TestApp } from './support/test-app';

/** Browser apps of the configured origins may call the API; any other origin gets no CORS header. */

const APP = 'https://casework.example.org';
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { CORS_ORIGINS: `${APP}, http://localhost:5173` } });
});
afterAll(() => t.close());

const preflight = (origin: string) => fetch(`${t.app.url}/graphql`, {
  method: 'OPTIONS',
  headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
});

describe('CORS allow-list', () => {
  it('a preflight from an allowed origin is answered with what the browser needs', async () => {
    const res = await preflight(APP);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('a request from an allowed origin gets its origin back and can read x-request-id', async () => {
    const res = await fetch(`${t.app.url}/graphql`, {
      method: 'POST',
      headers: { origin: APP, 'content-type': 'application/json', authorization: `Bearer ${t.tokenFor('CW1002')}` },
      body: JSON.stringify({ query: '{ me { staff { staffNumber } } }' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    expect(res.headers.get('access-control-expose-headers')).toContain('x-request-id');
    expect(res.headers.get('vary')).toContain('Origin');
  });

  it('any other origin gets no CORS header at all', async () => {
    for (const origin of ['https://evil.example.com', 'https://casework.example.org.evil.com', 'null']) {
      const res = await preflight(origin);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-allow-headers')).toBeNull();
    }
  });

  it('CORS_ORIGINS must hold origins, not URLs with paths or wildcards', () => {
    expect(() => loadConfig({ CORS_ORIGINS: 'https://app.example.org/path' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadConfig({ CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
  });
});
