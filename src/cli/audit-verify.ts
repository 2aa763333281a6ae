import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { checkpointKey, readCheckpoint } from '../audit-trail/audit-checkpoint';
import { currentPolicyVersion } from '../audit-trail/policy-version';
import { verifyAuditChain } from '../audit-trail/verify-chain';
import { type AppConfig, ConfigError, loadConfig } from '../config';
import { openDatabase } from '../database/open-database';
import { ENTITIES, SUBSCRIBERS } from '../modules/entities';

export const USAGE = `Usage: npm run audit:verify [-- --checkpoint <token> ...]
Verifies the hash chain of the audit trail (AUD-3) against the checkpoints given (also AUDIT_CHECKPOINTS,
separated by spaces or commas) and the latest stored one. Exit code 0: intact; 1: broken; 2: bad input.`;

/** The checkpoint tokens of the command line and of AUDIT_CHECKPOINTS. */
function tokensOf(args: string[], env: NodeJS.ProcessEnv): string[] | string {
  const tokens = (env.AUDIT_CHECKPOINTS ?? '').split(/[\s,]+/).filter(Boolean);
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--checkpoint' && args[i + 1]) tokens.push(args[(i += 1)]);
    else if (args[i].startsWith('--checkpoint=')) tokens.push(args[i].slice('--checkpoint='.length));
    else return `unknown argument "${args[i]}"`;
  }
  return tokens;
}

/**
 * `npm run audit:verify`: the verification a reviewer or a scheduled job runs, in process here so
 * a test can run it too. Prints one JSON report (no event content) and returns the exit code.
 */
export async function runAuditVerify(
  args: string[],
  deps: { dataSource: DataSource; config: Pick<AppConfig, 'secretsKey'>; env?: NodeJS.ProcessEnv; out?: (line: string) => void },
): Promise<number> {
  const out = deps.out ?? ((line: string) => console.log(line));
  const tokens = tokensOf(args, deps.env ?? {});
  if (typeof tokens === 'string') {
    out(`${tokens}\n${USAGE}`);
    return 2;
  }
  const key = checkpointKey(deps.config.secretsKey);
  const checkpoints = tokens.map((token) => readCheckpoint(key, token));
  const invalid = checkpoints.findIndex((checkpoint) => checkpoint === null);
  if (invalid >= 0) {
    out(`checkpoint ${invalid + 1} is not a checkpoint signed with this service's key (SECRETS_ENCRYPTION_KEY)`);
    return 2;
  }
  const report = await verifyAuditChain(deps.dataSource, { checkpoints: checkpoints.map((checkpoint) => checkpoint!), checkpointKey: key });
  out(JSON.stringify({ ...report, policyVersion: currentPolicyVersion() }, null, 2));
  out(report.ok
    ? `audit chain intact: ${report.checked} events, head ${report.head?.seq ?? 0}`
    : `audit chain BROKEN at seq ${report.firstBreak!.seq ?? '?'}: ${report.firstBreak!.kind} (${report.checked} events verified before it)`);
  return report.ok ? 0 : 1;
}

async function main() {
  const config = loadConfig();
  const database = await openDatabase(config, { entities: ENTITIES, subscribers: SUBSCRIBERS });
  try {
    process.exitCode = await runAuditVerify(process.argv.slice(2), { dataSource: database.dataSource, config, env: process.env });
  } finally {
    await database.close();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(2);
  });
}
