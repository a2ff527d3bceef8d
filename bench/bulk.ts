/**
 * Fast bulk inserts for the generator. D1 allows at most 100 bound parameters per statement, so a
 * classic multi-row `VALUES (?, ?, …), (…)` holds only a handful of rows. Instead each statement
 * binds one JSON array of rows and inserts them with `json_each`, about a megabyte at a time
 * (under D1's 2 MB limit for one value), and a flush sends every pending statement in one
 * db.batch (one transaction), parents before children.
 */

type Value = string | number | null;

interface Table {
  columns: readonly string[];
  rows: string[];
  bytes: number;
}

/** Rows per statement are capped by size: about 1 MB of JSON. */
const STATEMENT_BYTES = 1_000_000;

export class BulkWriter {
  readonly #db: D1Database;
  readonly #tables = new Map<string, Table>();
  #pendingBytes = 0;
  /** Rows written per table so far. */
  readonly written = new Map<string, number>();

  constructor(db: D1Database) {
    this.#db = db;
  }

  /** Declares a table and its columns; tables are flushed in the order they were declared. */
  table(name: string, columns: readonly string[]): void {
    this.#tables.set(name, { columns, rows: [], bytes: 0 });
    this.written.set(name, 0);
  }

  add(name: string, row: readonly Value[]): void {
    const table = this.#tables.get(name)!;
    if (row.length !== table.columns.length) throw new Error(`${name}: ${row.length} values for ${table.columns.length} columns`);
    const json = JSON.stringify(row);
    table.rows.push(json);
    table.bytes += json.length + 1;
    this.#pendingBytes += json.length + 1;
  }

  get pendingBytes(): number {
    return this.#pendingBytes;
  }

  /** Writes everything added so far in one transaction. */
  async flush(): Promise<void> {
    const statements: D1PreparedStatement[] = [];
    for (const [name, table] of this.#tables) {
      let chunk: string[] = [];
      let size = 0;
      const emit = () => {
        if (chunk.length) statements.push(this.#insert(name, table.columns, `[${chunk.join(',')}]`));
        chunk = [];
        size = 0;
      };
      for (const row of table.rows) {
        if (size + row.length > STATEMENT_BYTES) emit();
        chunk.push(row);
        size += row.length + 1;
      }
      emit();
      this.written.set(name, this.written.get(name)! + table.rows.length);
      table.rows = [];
      table.bytes = 0;
    }
    this.#pendingBytes = 0;
    if (statements.length) await this.#db.batch(statements);
  }

  #insert(name: string, columns: readonly string[], json: string): D1PreparedStatement {
    // `value ->> N` reads element N of each row array as an SQL value (text, integer or NULL).
    const values = columns.map((_, i) => `value ->> ${i}`).join(', ');
    return this.#db.prepare(`INSERT INTO ${name} (${columns.join(', ')}) SELECT ${values} FROM json_each(?1)`).bind(json);
  }
}
