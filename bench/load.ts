/**
 * The load generator, in its own process so it never shares an event loop (or a CPU figure)
 * with the server it drives. Usage: `load.ts '<json LoadSpec>'`; prints one JSON LoadOutcome on
 * stdout. A response counts as good when it is HTTP 2xx with `{"data":{...}}` and no `"errors"`.
 */
import autocannon from 'autocannon';

export interface LoadSpec {
  url: string;
  token: string;
  body: string;
  connections: number;
  durationS: number;
}

export interface LoadOutcome {
  requests: number;
  elapsedS: number;
  /** Per-response latency in ms, in arrival order (the parent sorts the rounds together). */
  latencies: number[];
  non2xx: number;
  mismatches: number;
  socketErrors: number;
  timeouts: number;
  /** CPU ms the generating process itself used during the run (for raw pg, that is the "server"). */
  cpuMs?: number;
  /** CPU ms of the generator's own Postgres sessions (raw-pg only). */
  postgresCpuMs?: number;
  /** Peak RSS of the generating process (raw-pg only). */
  peakRssMb?: number;
}

const goodBody = (raw: string | Buffer | undefined) => {
  const body = String(raw ?? '');
  return body.startsWith('{"data":{') && !body.includes('"errors":');
};

function run(spec: LoadSpec): Promise<LoadOutcome> {
  const latencies: number[] = [];
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        method: 'POST',
        connections: spec.connections,
        duration: spec.durationS,
        timeout: 10,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${spec.token}` },
        body: spec.body,
        verifyBody: goodBody,
      },
      (error, result) => {
        if (error) return reject(error);
        const cpu = process.cpuUsage(cpuBefore);
        resolve({
          cpuMs: (cpu.user + cpu.system) / 1000,
          requests: latencies.length,
          elapsedS: result.duration || (performance.now() - started) / 1000,
          latencies: latencies.map((value) => Math.round(value * 1000) / 1000),
          non2xx: result.non2xx,
          mismatches: result.mismatches,
          socketErrors: result.errors,
          timeouts: result.timeouts,
        });
      },
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
    });
  });
}

run(JSON.parse(process.argv[2]) as LoadSpec).then(
  (outcome) => process.stdout.write(JSON.stringify(outcome) + '\n'),
  (error) => {
    console.error('[load]', error);
    process.exit(1);
  },
);
