import type { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../src/config';
import { scheduledTasks, TASK, type JobTask } from '../src/jobs/tasks';
import { queueDepth } from '../src/jobs/job-runner';
import { SUBMIT, formFor, ok } from './support/access-chain';
import { allCompleted, jobRow, JOB_TEST_CONFIG, nextRun, secondInstance, startTestRunner, type TestRunner } from './support/jobs';
import { startTestApp, type TestApp } from './support/test-app';

/** Issue 10 point 9: the job runner on a Postgres-backed queue (pg-boss), on the test's real database. */

const HOUR = 3600_000;
let t: TestApp;
const runners: TestRunner[] = [];
const others: DataSource[] = [];
beforeAll(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.stop(5_000)));
  await Promise.all(others.splice(0).map((dataSource) => dataSource.destroy()));
});
afterAll(() => t.close());

const start = async (tasks: JobTask[], options: { cronCheckSeconds?: number; dataSource?: DataSource } = {}) => {
  const runner = await startTestRunner(options.dataSource ?? t.dataSource, t.clock, tasks, options);
  runners.push(runner);
  return runner;
};

describe('job runner', () => {
  it('runs a task from its cron schedule, kept in Postgres, at the time of the injected clock', async () => {
    const seen: Date[] = [];
    const task: JobTask = { name: 'test-every-minute', description: 'test', cron: '* * * * *', run: async ({ now }) => {
      seen.push(now);
      return { ran: true };
    } };
    const runner = await start([task], { cronCheckSeconds: 1 });
    // The cron sends the first run within a check interval: no enqueue here.
    const outcome = await nextRun(runner, 'completed', task.name);
    expect(outcome.result).toEqual({ ran: true });
    expect(seen[0]).toEqual(t.clock.now());
    expect(await t.dataSource.query(`SELECT name, cron, timezone FROM pgboss.schedule WHERE name = $1`, [task.name]))
      .toEqual([{ name: task.name, cron: '* * * * *', timezone: JOB_TEST_CONFIG.jobs.timezone }]);
    expect((await jobRow(t.dataSource, outcome.jobId)).state).toBe('completed');
  });

  it('the queue depth (the /metrics gauge) counts jobs waiting to run, whichever process queued them', async () => {
    const task: JobTask = { name: 'test-depth', description: 'test', run: async () => ({}) };
    const runner = await start([task]);
    await runner.stop();
    const before = await queueDepth(t.dataSource);
    await runner.enqueue(task.name);
    await runner.enqueue(task.name);
    expect(await queueDepth(t.dataSource)).toBe(before + 2);
  });

  it('retries a failed run with backoff; what the queue and the log keep of the failure holds no data', async () => {
    let attempts = 0;
    const task: JobTask = { name: 'test-flaky', description: 'test', run: async ({ dataSource }) => {
      attempts += 1;
      // A driver error quotes the value it choked on: a stand-in for personal data.
      if (attempts === 1) await dataSource.query('SELECT $1::uuid', ['Chloe Baker SC0000003']);
      return { attempts };
    } };
    const broken: JobTask = { name: 'test-broken', description: 'test', retryLimit: 0, run: async ({ dataSource }) => {
      await dataSource.query('SELECT $1::uuid', ['Frank Doyle SC0000006']);
      return {};
    } };
    const runner = await start([task, broken]);
    const failed = nextRun(runner, 'failed', task.name);
    const completed = nextRun(runner, 'completed', task.name);
    const id = await runner.enqueue(task.name);
    await failed;
    expect((await completed).result).toEqual({ attempts: 2 });
    const job = await jobRow(t.dataSource, id);
    expect(job).toMatchObject({ state: 'completed', retry_count: 1, retry_backoff: true });

    const brokenFailed = nextRun(runner, 'failed', broken.name);
    const brokenId = await runner.enqueue(broken.name);
    await brokenFailed;
    await runner.stop(5_000); // lets pg-boss's last write land
    const brokenJob = await jobRow(t.dataSource, brokenId);
    expect(brokenJob.state).toBe('failed');
    expect(JSON.stringify(brokenJob.output)).toContain('QueryFailedError (SQLSTATE 22P02)');
    const kept = JSON.stringify(brokenJob.output) + runner.logLines.join('');
    expect(kept).not.toMatch(/Chloe|Frank|SC000000/);
  });

  it('stops gracefully: the run in flight finishes and is recorded; nothing new starts', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let startedRun!: () => void;
    const started = new Promise<void>((resolve) => (startedRun = resolve));
    let runs = 0;
    const task: JobTask = { name: 'test-slow', description: 'test', run: async () => {
      runs += 1;
      startedRun();
      await gate;
      return { finished: true };
    } };
    const runner = await start([task]);
    const first = await runner.enqueue(task.name);
    await started;
    let stopped = false;
    const stopping = runner.stop(10_000).then(() => (stopped = true));
    const second = await runner.enqueue(task.name);
    // Stopping waits for the run. Showing that it does *not* return needs some time to pass: a
    // stop that did not wait returns within a few round trips, well inside this.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await jobRow(t.dataSource, first)).state).toBe('active');
    expect((await jobRow(t.dataSource, second)).state).toBe('created');
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(await jobRow(t.dataSource, first)).toMatchObject({ state: 'completed', output: { finished: true } });
    expect((await jobRow(t.dataSource, second)).state).toBe('created');
    expect(runs).toBe(1);
  });
});

describe('two runners on one database', () => {
  it('TAR-10, TAR-8: escalation and expiry happen once however many runs on however many instances', async () => {
    const submitted = ok(await t.as('CW1002')(SUBMIT, { input: await formFor(t.dataSource) })).submitAccessRequest.accessRequest;
    const other = await secondInstance(t.dataSource);
    others.push(other);
    const tasks = scheduledTasks(JOB_TEST_CONFIG);
    const [a, b] = [await start(tasks), await start(tasks, { dataSource: other })];
    const effects = async () => ({
      notices: await t.dataSource.query(
        `SELECT n.kind, s.staff_number AS "to" FROM notification n JOIN staff s ON s.id = n.recipient_id
          WHERE n.access_request_id = $1 ORDER BY n.kind, s.staff_number`, [submitted.id]),
      audit: await t.dataSource.query(`SELECT action FROM audit_event WHERE subject_id = $1 AND actor_type = 'SYSTEM' ORDER BY action`, [submitted.id]),
    });
    const runEverywhere = async () => {
      const ids: string[] = [];
      for (let i = 0; i < 3; i += 1) ids.push(await a.enqueue(TASK.accessRequestEscalation), await b.enqueue(TASK.accessRequestEscalation));
      await allCompleted([a, b], ids);
    };

    t.clock.advance(JOB_TEST_CONFIG.accessStage.escalateHours * HOUR + 60_000);
    await runEverywhere();
    expect(await effects()).toEqual({
      notices: [{ kind: 'ACCESS_REQUEST_ESCALATED', to: 'TL1001' }],
      audit: [{ action: 'ACCESS_REQUEST_ESCALATED' }],
    });

    t.clock.advance((JOB_TEST_CONFIG.accessStage.expireHours - JOB_TEST_CONFIG.accessStage.escalateHours) * HOUR);
    await runEverywhere();
    expect(await effects()).toEqual({
      notices: [
        { kind: 'ACCESS_REQUEST_ESCALATED', to: 'TL1001' },
        { kind: 'ACCESS_REQUEST_EXPIRED', to: 'CW1002' },
        { kind: 'ACCESS_REQUEST_EXPIRED', to: 'TL1001' },
      ],
      audit: [{ action: 'ACCESS_REQUEST_ESCALATED' }, { action: 'ACCESS_REQUEST_EXPIRED' }],
    });
    const [row] = await t.dataSource.query('SELECT status, expired_at_stage FROM access_request WHERE id = $1', [submitted.id]);
    expect(row).toEqual({ status: 'EXPIRED', expired_at_stage: 'SUBMITTED' });
  });

  it('SR-4: the owner of an SR whose next action date has passed is reminded once per due date, however many runs', async () => {
    const [sr] = await t.dataSource.query(
      `SELECT s.id, st.staff_number AS owner FROM service_request s JOIN staff st ON st.id = s.owner_id WHERE s.status <> 'CLOSED' ORDER BY s.id LIMIT 1`);
    const dueAt = new Date(t.clock.now().getTime() - 60_000);
    await t.dataSource.query('UPDATE service_request SET next_action_due = $2 WHERE id = $1', [sr.id, dueAt]);
    const other = await secondInstance(t.dataSource);
    others.push(other);
    const tasks = scheduledTasks(JOB_TEST_CONFIG);
    const [a, b] = [await start(tasks), await start(tasks, { dataSource: other })];
    const remindEverywhere = async () => {
      const ids: string[] = [];
      for (let i = 0; i < 3; i += 1) ids.push(await a.enqueue(TASK.dueWorkReminders), await b.enqueue(TASK.dueWorkReminders));
      await allCompleted([a, b], ids);
    };
    const reminders = () => t.dataSource.query(
      `SELECT st.staff_number AS "to", n.message FROM notification n JOIN staff st ON st.id = n.recipient_id
        WHERE n.kind = 'WORK_DUE' AND n.message LIKE $1 ORDER BY n.created_at, n.id`, [`%${sr.id}%`]);
    await remindEverywhere();
    expect(await reminders()).toEqual([{ to: sr.owner, message: expect.stringContaining(dueAt.toISOString()) }]);
    // A new wait (the reminder letter's 7 days) is a new due date: one more reminder, once.
    const nextDue = new Date(dueAt.getTime() + 30_000);
    await t.dataSource.query('UPDATE service_request SET next_action_due = $2 WHERE id = $1', [sr.id, nextDue]);
    t.clock.advance(60_000);
    await remindEverywhere();
    expect((await reminders()).map((row: { message: string }) => row.message.includes(nextDue.toISOString()))).toEqual([false, true]);
  });
});

describe('job configuration', () => {
  const problems = (env: NodeJS.ProcessEnv) => {
    try {
      loadConfig({ NODE_ENV: 'test', ...env });
      return [];
    } catch (error) {
      return (error as ConfigError).problems;
    }
  };

  it('runs in the API process by default in development only; refuses a bad schedule, time zone or stage times', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).jobs.inProcess).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', RUN_WORKER: 'false' }).jobs.inProcess).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }).jobs.inProcess).toBe(false);
    expect(problems({ LETTER_BATCH_CRON: 'at six' })).toEqual([expect.stringMatching(/LETTER_BATCH_CRON/)]);
    expect(problems({ JOBS_TIMEZONE: 'Mars/Olympus' })).toEqual([expect.stringMatching(/JOBS_TIMEZONE/)]);
    expect(problems({ ACCESS_STAGE_ESCALATE_HOURS: '48', ACCESS_STAGE_EXPIRE_HOURS: '24' }))
      .toEqual([expect.stringMatching(/ACCESS_STAGE_EXPIRE_HOURS must be more than ACCESS_STAGE_ESCALATE_HOURS/)]);
  });
});
