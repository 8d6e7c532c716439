/**
 * What the projects route costs the database, without HTTP: a micro-benchmark
 * for `npm run bench`'s slowest part; never part of `npm test`.
 *
 * Opens a throw-away database (in-memory PGlite, or a new database on the
 * DATABASE_URL server, dropped afterwards), seeds one organization with an
 * owner and 25 projects next to 200 other tenants, then times N iterations of
 * exactly what GET /api/v1/orgs/{slug}/projects does after authentication: the
 * tenant transaction (`asUser`), the membership check and the first page of
 * projects. The same two queries in a transaction as the table owner (no row
 * level security) are timed as well, once with asUser's set_config statement
 * and once without, so the route's extra cost splits into that statement's
 * round trip and what the policies cost.
 *
 *   node --conditions=react-server --import tsx scripts/bench/tenant-query-cost.ts \
 *     [--iterations 2000] [--before 0005_rls_performance] [--explain]
 *
 * `--before <migration>` adds a second database migrated only up to (not
 * including) that migration, timed alternately with the first, so a policy
 * change is measured before and after in one run under the same machine load.
 * `--explain` prints EXPLAIN ANALYZE of both queries inside the tenant transaction.
 *
 * Besides wall time it reports CPU time, which stays meaningful on a busy
 * machine: this process's (all of PGlite's work happens in it) plus, on
 * PostgreSQL, the server backend's when the user may read /proc/self/stat
 * through pg_read_file (a superuser, as in development).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { MIGRATIONS_FOLDER, openDatabase, type DatabaseConnection } from '@/db/client';
import { memberships, organizations, profiles, subscriptions } from '@/db/schema';
import { projects } from '@/lib/projects/table';
import { databaseClaims, type Caller } from '@/lib/tenant/caller';
// Renamed: it is not a React hook, whatever its name says.
import { useDatabase as attachDatabase } from '@/lib/tenant/database';
import { listProjects } from '@/lib/projects/service';
import { inOrganization, requireMembership } from '@/lib/tenant/membership';
import { asUser, resultRows } from '@/lib/tenant/transaction';

const { values: options } = parseArgs({
  options: {
    iterations: { type: 'string', default: '2000' },
    before: { type: 'string' },
    explain: { type: 'boolean', default: false },
  },
});
const iterations = Number(options.iterations);
const rounds = 20;
const firstPage = { limit: 20, cursor: null };

interface Subject {
  label: string;
  connection: DatabaseConnection;
  dispose(): Promise<void>;
  caller: Caller;
  slug: string;
  /** CPU seconds the database server has spent on this connection, when it lets us read that. */
  serverCpu(): Promise<number | null>;
  route: Sample[];
  owner: Sample[];
  ownerWithClaims: Sample[];
}

interface Sample {
  wall: number;
  cpu: number | null;
}

const subjects: Subject[] = [];
try {
  subjects.push(await openSubject('current migrations', MIGRATIONS_FOLDER));
  if (options.before) subjects.push(await openSubject(`before ${options.before}`, migrationsBefore(options.before)));

  for (const subject of subjects) {
    const page = await routeRequest(subject);
    if (page.data.length !== 20) throw new Error(`expected a page of 20 projects, got ${page.data.length}`);
    await measure(subject, () => routeRequest(subject), 200);
    await measure(subject, () => ownerRequest(subject), 200);
  }
  // Alternate everything, so a burst of load elsewhere on the machine hits all alike.
  for (let round = 0; round < rounds; round++) {
    for (const subject of subjects) {
      subject.route.push(await measure(subject, () => routeRequest(subject), iterations / rounds));
      subject.owner.push(await measure(subject, () => ownerRequest(subject), iterations / rounds));
      subject.ownerWithClaims.push(await measure(subject, () => ownerRequest(subject, true), iterations / rounds));
    }
  }

  console.log(`database: ${subjects[0]!.connection.kind}, ${iterations} requests each in ${rounds} rounds, ms/request`);
  console.log('  wall = best round; cpu = this process + the database backend, all rounds');
  for (const subject of subjects) {
    console.log(`\n  ${subject.label}`);
    console.log(`    route (asUser + requireMembership + listProjects, RLS): ${describe(subject.route)}`);
    console.log(`    same queries as table owner (no RLS):                   ${describe(subject.owner)}`);
    console.log(`    as owner, plus asUser's set_config statement (no RLS):  ${describe(subject.ownerWithClaims)}`);
  }

  if (options.explain) for (const subject of subjects) await explain(subject);
} finally {
  for (const subject of subjects) await subject.dispose();
}

function routeRequest({ caller, slug, connection }: Subject) {
  attachDatabase(connection);
  // As the GET route runs it: read-only, so after the first request its query goes out with the membership check.
  return inOrganization(caller, slug, 'member', (scope) => listProjects(scope, firstPage), { readOnly: true });
}

/** `withClaims` adds the statement asUser sends first, without switching role: its round trip, but no policies. */
function ownerRequest({ caller, slug, connection }: Subject, withClaims = false) {
  return connection.db.transaction(async (tx) => {
    if (withClaims) await tx.execute(sql`select set_config('request.jwt.claims', ${JSON.stringify(databaseClaims(caller))}, true)`);
    const { organization, membership } = await requireMembership(tx, caller, slug, 'member');
    return listProjects({ tx, caller, organization, membership }, firstPage);
  });
}

async function measure(subject: Subject, request: () => Promise<unknown>, count: number): Promise<Sample> {
  const serverBefore = await subject.serverCpu();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let index = 0; index < count; index++) await request();
  const wall = (performance.now() - started) / count;
  const cpuUsed = process.cpuUsage(cpuBefore);
  const serverAfter = await subject.serverCpu();
  const clientSeconds = (cpuUsed.user + cpuUsed.system) / 1e6;
  const serverSeconds = serverBefore === null || serverAfter === null ? 0 : serverAfter - serverBefore;
  const measurable = subject.connection.kind === 'pglite' || serverBefore !== null;
  return { wall, cpu: measurable ? ((clientSeconds + serverSeconds) * 1000) / count : null };
}

function describe(samples: Sample[]): string {
  const wall = Math.min(...samples.map((sample) => sample.wall));
  const cpus = samples.map((sample) => sample.cpu);
  const cpu = cpus.includes(null) ? null : (cpus as number[]).reduce((sum, value) => sum + value, 0) / cpus.length;
  return `wall ${wall.toFixed(3)}  cpu ${cpu === null ? 'n/a' : cpu.toFixed(3)}`;
}

async function openSubject(label: string, migrationsFolder: string): Promise<Subject> {
  const { connection, dispose } = await openThrowAwayDatabase(migrationsFolder);
  const { caller, slug } = await seed(connection);
  const serverCpu = connection.kind === 'postgres' ? await backendCpuReader(connection) : async () => null;
  return { label, connection, dispose, caller, slug, serverCpu, route: [], owner: [], ownerWithClaims: [] };
}

/** Reads the backend's own utime + stime (in clock ticks of 10 ms) through pg_read_file, if permitted. */
async function backendCpuReader({ db }: DatabaseConnection): Promise<() => Promise<number | null>> {
  const read = async () => {
    const [row] = resultRows<{ stat: string }>(await db.execute(sql`select pg_read_file('/proc/self/stat') as stat`));
    const fields = row!.stat.slice(row!.stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  };
  try {
    await read();
    return read;
  } catch {
    return async () => null;
  }
}

async function seed({ db }: DatabaseConnection): Promise<{ caller: Caller; slug: string }> {
  const userId = randomUUID();
  const email = 'ada@example.com';
  const slug = 'acme';
  await db.insert(profiles).values({ id: userId, email });
  // One transaction per organization and its owner: the database checks at commit that every organization has one.
  const organization = await db.transaction(async (tx) => {
    const [created] = await tx.insert(organizations).values({ slug, name: 'Acme' }).returning();
    await tx.insert(memberships).values({ organizationId: created!.id, userId, role: 'owner' });
    return created!;
  });
  // 25 projects need more than the Free plan's 3: the Business plan, as a Stripe sync would record it.
  await db.insert(subscriptions).values({
    id: 'sub_bench',
    organizationId: organization.id,
    stripeCustomerId: 'cus_bench',
    status: 'active',
    plan: 'business',
    stripeCreatedAt: new Date(),
  });
  const start = Date.now() - 25 * 60_000;
  await db.insert(projects).values(
    Array.from({ length: 25 }, (_, index) => ({
      organizationId: organization.id,
      name: `Project ${index + 1}`,
      createdBy: userId,
      createdAt: new Date(start + index * 60_000),
    })),
  );
  // Other tenants, so the policies have rows to leave out and the planner sizes tables as in production.
  const others = Array.from({ length: 200 }, (_, index) => ({ id: randomUUID(), index }));
  await db.insert(profiles).values(others.map(({ id, index }) => ({ id, email: `user${index}@example.com` })));
  const otherOrganizations = await db.transaction(async (tx) => {
    const created = await tx
      .insert(organizations)
      .values(others.map(({ index }) => ({ slug: `tenant-${index}`, name: `Tenant ${index}` })))
      .returning();
    await tx
      .insert(memberships)
      .values(created.map((other, index) => ({ organizationId: other.id, userId: others[index]!.id, role: 'owner' as const })));
    return created;
  });
  await db.insert(projects).values(
    otherOrganizations.flatMap((other, index) =>
      [1, 2, 3].map((number) => ({ organizationId: other.id, name: `Secret ${number}`, createdBy: others[index]!.id })),
    ),
  );
  await db.execute(sql`analyze`);
  const claims = { sub: userId, email, role: 'authenticated', aud: 'authenticated' };
  return { caller: { kind: 'person', userId, email, claims }, slug };
}

/** EXPLAIN ANALYZE of the route's two queries, inside the tenant transaction so the policies apply. */
async function explain(subject: Subject): Promise<void> {
  const { caller, slug } = subject;
  attachDatabase(subject.connection);
  console.log(`\n--- ${subject.label}`);
  await asUser(caller, async (tx) => {
    const { organization } = await requireMembership(tx, caller, slug, 'member');
    const statements = [
      sql`select o.*, m.* from organizations o
          inner join memberships m on m.organization_id = o.id and m.user_id = ${caller.userId}
          where o.slug = ${slug} limit 1`,
      sql`select * from projects where organization_id = ${organization.id}
          order by created_at desc, id desc limit 21`,
    ];
    for (const statement of statements) {
      const plan = resultRows<Record<string, string>>(
        await tx.execute(sql`explain (analyze, buffers off, costs off) ${statement}`),
      );
      console.log(`\n${plan.map((row) => Object.values(row)[0]).join('\n')}`);
    }
  });
}

/** A copy of the migrations folder whose journal stops just before `tag`. */
function migrationsBefore(tag: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'tenantry-migrations-'));
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const stop = journal.entries.findIndex((entry) => entry.tag === tag);
  if (stop < 0) throw new Error(`no migration tagged ${tag} in ${MIGRATIONS_FOLDER}`);
  journal.entries = journal.entries.slice(0, stop);
  writeFileSync(journalPath, JSON.stringify(journal));
  process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

async function openThrowAwayDatabase(
  migrationsFolder: string,
): Promise<{ connection: DatabaseConnection; dispose: () => Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  let connection: DatabaseConnection;
  let dispose: () => Promise<void>;
  if (!serverUrl) {
    connection = await openDatabase({ pgliteDataDir: null });
    dispose = () => connection.close();
  } else {
    const name = `tenantry_bench_${randomBytes(6).toString('hex')}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    // One connection, so the backend whose CPU time is read is the one that ran the queries.
    const opened = await openDatabase({ url: url.toString(), maxConnections: 1 });
    connection = opened;
    dispose = async () => {
      await opened.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    };
  }
  const { migrate } =
    connection.kind === 'postgres'
      ? await import('drizzle-orm/postgres-js/migrator')
      : await import('drizzle-orm/pglite/migrator');
  await migrate(connection.db as never, { migrationsFolder });
  return { connection, dispose };
}
