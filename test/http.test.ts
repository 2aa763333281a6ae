import { serverAudits } from 'graphql-http';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(() => t.close());

const audits = serverAudits({ url: () => `${t.app.url}/graphql`, fetchFn: fetch });
describe('audits', () => {
  for (const audit of audits) {
    it(audit.name, async () => {
      const result = await audit.fn();
      expect({ status: result.status, reason: result.reason }).toEqual({ status: 'ok', reason: undefined });
    });
  }
});
