import { parse, protocol, type PGlite, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';

/**
 * PGlite as Drizzle should use it, for speed: in local mode the embedded
 * database runs on the server's own thread, so every microsecond it spends is
 * one the server cannot spend answering requests.
 *
 * PGlite's `query()` costs about 0.3 ms for a small indexed select, mostly not
 * in Postgres: it plans the statement afresh every time (an unnamed statement)
 * and crosses into WebAssembly six times (parse, describe, bind, describe,
 * execute, sync). Here, as postgres.js does on a real server, each distinct
 * statement text is parsed once into a named prepared statement, and each
 * execution is one crossing carrying bind, describe, execute and sync: the
 * same results for about a quarter of the cost.
 *
 * Drizzle's driver also passes its type parsers with every query (dates, times
 * and intervals stay the text Postgres sends; Drizzle's column types parse
 * them), and PGlite merges per-query parsers into a copy of its whole parser
 * table (300+ entries) every time. They are installed once on the instance
 * instead.
 */
export function pgliteForDrizzle(client: PGlite): PGlite {
  for (const type of DRIZZLE_TEXT_TYPES) client.parsers[type] = keepAsText;
  const statements = new PreparedStatements(client);
  const query = (text: string, params: unknown[] | undefined, options: QueryOptions | undefined, inTransaction: boolean) =>
    canPrepare(options)
      ? statements.run(text, params ?? [], withoutInstalledParsers(options), inTransaction)
      : client.query(text, params, options);

  return delegate(client, {
    query: (text: string, params?: unknown[], options?: QueryOptions) => query(text, params, options, false),
    transaction: <Result>(work: (tx: Transaction) => Promise<Result>) =>
      client.transaction((tx) =>
        work(
          delegate(tx, {
            query: (text: string, params?: unknown[], options?: QueryOptions) => {
              if (tx.closed) return Promise.reject(new Error('Transaction is closed'));
              return query(text, params, options, true);
            },
          }),
        ),
      ),
  });
}

const keepAsText = (value: string) => value;
// The types Drizzle's PGlite driver asks to keep as text.
const DRIZZLE_TEXT_TYPES = [
  1114, // timestamp
  1184, // timestamptz
  1186, // interval
  1082, // date
  1231, // numeric[]
  1115, // timestamp[]
  1185, // timestamptz[]
  1187, // interval[]
  1182, // date[]
];

/** Statement texts kept prepared; beyond this the least recently used is closed (queries built from lists vary). */
const MAX_PREPARED_STATEMENTS = 500;

interface PreparedStatement {
  name: string;
  parameterTypes: number[];
}

class PreparedStatements {
  private readonly byText = new Map<string, PreparedStatement>();
  private created = 0;

  constructor(private readonly client: PGlite) {}

  /** PGlite's `query()`, the same locking and results, through a prepared statement. */
  run<Row>(text: string, params: unknown[], options: QueryOptions | undefined, inTransaction: boolean): Promise<Results<Row>> {
    const { client } = this;
    const execute = () =>
      client.runExclusive(async () => {
        const statement = await this.prepared(text, options);
        const values = params.map((value, index) => serialize(client, value, statement.parameterTypes[index], options));
        const { messages } = await client.execProtocol(
          concat([
            protocol.serialize.bind({ statement: statement.name, values }),
            protocol.serialize.describe({ type: 'P' }),
            protocol.serialize.execute({}),
            protocol.serialize.sync(),
          ]),
          { syncToFs: false },
        );
        return parse.parseResults(messages, client.parsers, options)[0] as Results<Row>;
      });
    if (inTransaction) return execute();
    // Outside a transaction PGlite also waits for any open one, and persists afterwards.
    return client._runExclusiveTransaction(async () => {
      const result = await execute();
      await client.syncToFs();
      return result;
    });
  }

  private async prepared(text: string, options: QueryOptions | undefined): Promise<PreparedStatement> {
    const known = this.byText.get(text);
    if (known) {
      this.byText.delete(text); // re-inserted: the map's order is the recency order
      this.byText.set(text, known);
      return known;
    }
    const name = `tenantry_${++this.created}`;
    const { messages } = await this.client.execProtocol(
      concat([
        protocol.serialize.parse({ name, text, types: options?.paramTypes }),
        protocol.serialize.describe({ type: 'S', name }),
        protocol.serialize.sync(),
      ]),
      { syncToFs: false },
    );
    const statement = { name, parameterTypes: parse.parseDescribeStatementResults(messages) };
    this.byText.set(text, statement);
    if (this.byText.size > MAX_PREPARED_STATEMENTS) await this.closeOldest();
    return statement;
  }

  private async closeOldest(): Promise<void> {
    const [text, oldest] = this.byText.entries().next().value!;
    this.byText.delete(text);
    await this.client.execProtocol(
      concat([protocol.serialize.close({ type: 'S', name: oldest.name }), protocol.serialize.sync()]),
      { syncToFs: false },
    );
  }
}

/** The options Drizzle sends (row mode, its parsers) are the only ones the prepared path handles. */
function canPrepare(options: QueryOptions | undefined): boolean {
  return Object.entries(options ?? {}).every(
    ([option, value]) =>
      option === 'rowMode' ||
      (option === 'parsers' && Object.keys(value ?? {}).every((type) => DRIZZLE_TEXT_TYPES.includes(Number(type)))),
  );
}

function withoutInstalledParsers(options: QueryOptions | undefined): QueryOptions | undefined {
  if (!options?.parsers) return options;
  const { parsers, ...rest } = options;
  void parsers;
  return rest;
}

/** As PGlite serializes a parameter: by the type Postgres inferred for it, else its text form. */
function serialize(client: PGlite, value: unknown, type: number | undefined, options: QueryOptions | undefined): string | null {
  if (value === null || value === undefined) return null;
  const serializer = type === undefined ? undefined : (options?.serializers?.[type] ?? client.serializers[type]);
  return serializer ? serializer(value) : String(value);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

/** `target` with some methods replaced; everything else reaches the real object (PGlite keeps its state in private fields). */
function delegate<Target extends object>(target: Target, overrides: Partial<Record<keyof Target, unknown>>): Target {
  return new Proxy(target, {
    get(object, property) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof Target];
      const value: unknown = Reflect.get(object, property, object);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}
