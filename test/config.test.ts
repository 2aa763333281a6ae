import { ConfigError, DEVELOPMENT_JWT_SECRET, loadConfig } from '../src/config';

const problemsOf = (env: NodeJS.ProcessEnv) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('configuration', () => {
  it('defaults to development on the embedded database with the development secret', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ nodeEnv: 'development', port: 4000, databaseUrl: undefined, embeddedDataDir: '.data' });
    expect(config.jwt.secret).toBe(DEVELOPMENT_JWT_SECRET);
  });

  it('names every problem at once', () => {
    const problems = problemsOf({ PORT: 'eighty', NODE_ENV: 'staging', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short' });
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/PORT/);
    expect(problems.join('\n')).toMatch(/NODE_ENV/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL/);
    expect(problems.join('\n')).toMatch(/JWT_SECRET/);
  });

  it('refuses in production the embedded database, a missing secret and the development secret', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      expect.stringMatching(/DATABASE_URL is required in production/),
      expect.stringMatching(/JWT_SECRET or JWT_PUBLIC_KEY is required/),
      expect.stringMatching(/SECRETS_ENCRYPTION_KEY is required/),
    ]);
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(problemsOf({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', JWT_SECRET: DEVELOPMENT_JWT_SECRET, SECRETS_ENCRYPTION_KEY: key })).toEqual([
      expect.stringMatching(/must not be the development secret/),
    ]);
    expect(problemsOf({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', JWT_SECRET: 'x'.repeat(40), SECRETS_ENCRYPTION_KEY: key })).toEqual([]);
    expect(problemsOf({ SECRETS_ENCRYPTION_KEY: 'c2hvcnQ=' })).toEqual([expect.stringMatching(/32 bytes/)]);
    expect(problemsOf({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', JWT_SECRET: 'x'.repeat(40), SECRETS_ENCRYPTION_KEY: key, SECRETS_HASH_COST: '16' }))
      .toEqual([expect.stringMatching(/SECRETS_HASH_COST must be at least 17/)]);
    expect(loadConfig({ NODE_ENV: 'development' }).secretsHashCost).toBe(17);
  });

  it('takes a public key instead of a secret, but not both', () => {
    const pem = '-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----';
    expect(loadConfig({ JWT_PUBLIC_KEY: pem }).jwt).toMatchObject({ publicKey: pem, secret: undefined });
    expect(problemsOf({ JWT_PUBLIC_KEY: pem, JWT_SECRET: 'y'.repeat(40) })).toEqual([expect.stringMatching(/only one/)]);
  });

  it('the error message lists each problem on its own line', () => {
    expect(() => loadConfig({ PORT: '-1', MAX_GRANT_HOURS: '0' })).toThrow(/PORT must be.*\n - MAX_GRANT_HOURS must be/s);
  });
});
