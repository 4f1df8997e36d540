import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pl from "nodejs-polars";
import { ValidationError } from "../errors/validation-error.js";
import { anaplanAccessChanges } from "../frames/anaplan-access-changes.js";
import { privilegedEvents } from "../frames/privileged-events.js";
import { withEventNames } from "../frames/with-event-names.js";
import { withUsers } from "../frames/with-users.js";
import { releaseFrames } from "./release-frames.js";

/**
 * Options of {@link writePrivilegedTables}.
 *
 * @example
 * ```ts
 * const options: WritePrivilegedTablesOptions = { window: run.parameters.window, outDir: "out" };
 * ```
 */
export interface WritePrivilegedTablesOptions {
  /** The report's window (`[from, to)`), `anaplanAccessChanges`'s window. */
  window: { from: Date; to: Date };
  /** The folder of the CSV files (created if missing). */
  outDir: string;
  /** How many of the first rows of each table to return. @default 25 */
  rows?: number | undefined;
}

/**
 * The privileged-events and role-changes tables of a report over an archive, in bounded memory.
 * @example
 * ```ts
 * const t = await writePrivilegedTables(summary.privilegedParts(), users, { window, outDir: "out" });
 * show(t.privileged, { rows: 25, totalRows: t.privilegedCount });
 * ```
 */
export interface PrivilegedTables {
  /** The first rows of `withEventNames(privilegedEvents(withUsers(rows, users)))`, oldest first. */
  privileged: pl.DataFrame;
  /** How many rows that table has (all are in `anaplan-privileged-events.csv`). */
  privilegedCount: number;
  /** The first rows of `anaplanAccessChanges(rows, users, { window })`, oldest first. */
  changes: pl.DataFrame;
  /** How many rows that table has (all are in `anaplan-access-changes.csv`). */
  changeCount: number;
  /** Every role change in which a user changed their own roles (`selfAssigned`). */
  selfAssigned: pl.DataFrame;
  /** The two CSV files written. */
  files: string[];
}

/**
 * Writes the anaplan-audit report's two tables that grow with the window —
 * `anaplan-privileged-events.csv` (privileged events with user and event names) and
 * `anaplan-access-changes.csv` (role changes) — from the summary's privileged rows part by part
 * (`ArchiveSummary.privilegedParts()`, a batch of days each): memory holds a part of them, not
 * the window's (a year of the simulator's 50M events has 3M, which held whole took ~3.9 GB with
 * the two tables). The files are byte for byte what `writeCSV` gives on the whole tables (the
 * parts come in the tables' order, eventDate then id), and the tables' first rows, row counts
 * and self-assignments are returned for display.
 *
 * @param parts - the privileged rows, part by part in eventDate order (`summary.privilegedParts()`)
 * @param users - the users, for names and e-mails
 * @param options - window, folder, how many first rows to keep
 * @returns the first rows, counts and self-assignments, and the files written
 * @throws {@link ValidationError} when `parts` gives no part (not even one of zero rows)
 * @example
 * ```ts
 * const summary = await run.archiveSummary!();
 * const t = await writePrivilegedTables(summary.privilegedParts(), users, { window: run.parameters.window, outDir: run.parameters.outDir });
 * ```
 */
export async function writePrivilegedTables(
  parts: AsyncIterable<pl.DataFrame> | Iterable<pl.DataFrame>,
  users: pl.DataFrame,
  options: WritePrivilegedTablesOptions,
): Promise<PrivilegedTables> {
  const keep = options.rows ?? 25;
  mkdirSync(options.outDir, { recursive: true });
  const privilegedFile = new CsvParts(join(options.outDir, "anaplan-privileged-events.csv"), keep);
  const changesFile = new CsvParts(join(options.outDir, "anaplan-access-changes.csv"), keep);
  const selfAssigned: pl.DataFrame[] = [];
  for await (const part of parts) {
    privilegedFile.add(withEventNames(privilegedEvents(withUsers(part, users))));
    const changes = anaplanAccessChanges(part, users, { window: options.window });
    changesFile.add(changes);
    const own = changes.filter(pl.col("selfAssigned"));
    if (own.height > 0) selfAssigned.push(detached(own));
    releaseFrames(); // this part's frames: their native memory is not V8's
  }
  if (!privilegedFile.started) {
    throw new ValidationError(
      "writePrivilegedTables was given no part: pass summary.privilegedParts(), which gives at least one (of zero rows when the window has none).",
    );
  }
  return {
    privileged: privilegedFile.head(),
    privilegedCount: privilegedFile.rows,
    changes: changesFile.head(),
    changeCount: changesFile.rows,
    selfAssigned:
      selfAssigned.length > 0
        ? pl.concat(selfAssigned, { how: "vertical", rechunk: true })
        : changesFile.head().clear(),
    files: [privilegedFile.path, changesFile.path],
  };
}

/**
 * A copy of a few rows that holds their own memory. Polars' text columns are views into the
 * buffers of the frame they were filtered or sliced from, so a few rows kept from each part held
 * every part's text alive (+0.7 GB over the 48 parts of a 50M-event year).
 */
function detached(rows: pl.DataFrame): pl.DataFrame {
  return pl.readIPC(rows.writeIPC());
}

/** A CSV file written part by part (the header with the first), keeping its first rows and count. */
class CsvParts {
  rows = 0;
  #first: pl.DataFrame | undefined;

  constructor(
    readonly path: string,
    private readonly keep: number,
  ) {}

  add(part: pl.DataFrame): void {
    if (this.#first === undefined) writeFileSync(this.path, part.writeCSV());
    else appendFileSync(this.path, part.writeCSV({ includeHeader: false }));
    this.rows += part.height;
    if (this.#first === undefined) this.#first = detached(part.head(this.keep));
    else if (this.#first.height < this.keep)
      this.#first = detached(
        pl.concat([this.#first, part.head(this.keep - this.#first.height)], { how: "vertical" }),
      );
  }

  get started(): boolean {
    return this.#first !== undefined;
  }

  head(): pl.DataFrame {
    return this.#first!;
  }
}
