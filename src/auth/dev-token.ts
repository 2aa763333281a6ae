import { ConfigError, isProduction, loadConfig } from '../config';
import { signAccessToken } from './jwt';

/**
 * `npm run token -- <staff number>` prints a development token for a member of staff;
 * `npm run token -- --client <contact id>` one for a self-service client. Refused in production,
 * where tokens come from the identity provider.
 */
function main() {
  const config = loadConfig();
  if (isProduction(config)) throw new Error('npm run token is for development only: refused in production.');
  const args = process.argv.slice(2);
  const client = args[0] === '--client';
  const subject = client ? args[1] : args[0];
  if (!subject) {
    throw new Error('usage: npm run token -- <staff number>   (e.g. CW1002)\n       npm run token -- --client <contact id>');
  }
  const token = signAccessToken(config.jwt, { subject, principalType: client ? 'client' : 'staff' });
  process.stdout.write(`${token}\n`);
}

try {
  main();
} catch (error) {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
}
