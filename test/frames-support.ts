/**
 * Test support for the frame helpers (issue 4): tiny frames in, exact columns and values out.
 */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { ANAPLAN_EVENT_SCHEMA } from "../src/anaplan/schemas.js";

/** Epoch ms for a UTC ISO string. */
export const ms = (iso: string): number => Date.parse(iso);

/** A Datetime("ms", "UTC") series from ISO strings (null stays null). */
export function utc(name: string, values: Array<string | null>): pl.Series {
  return pl
    .Series(
      name,
      values.map((v) => (v === null ? null : ms(v))),
      pl.Int64,
    )
    .cast(pl.Datetime("ms"))
    .dt.replaceTimeZone("UTC");
}

/** A frame's values by column, with Dates as ISO strings so they compare as text. */
export function columnsOf(df: pl.DataFrame): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const name of df.columns) {
    out[name] = df
      .getColumn(name)
      .toArray()
      .map((v: unknown) => (v instanceof Date ? v.toISOString() : typeof v === "bigint" ? Number(v) : v));
  }
  return out;
}

/**
 * Asserts a frame has exactly these columns, in this order, with these values (Dates as ISO
 * strings), and optionally these dtypes (as Polars prints them, e.g. "Datetime(ms,UTC)").
 */
export function assertFrame(
  df: pl.DataFrame,
  expected: Record<string, unknown[]>,
  dtypes?: Record<string, string>,
): void {
  assert.deepEqual(df.columns, Object.keys(expected), "columns");
  assert.deepEqual(columnsOf(df), expected);
  if (dtypes) {
    for (const [name, type] of Object.entries(dtypes)) {
      assert.equal(String(df.getColumn(name).dtype), `DataType(${type})`, `dtype of ${name}`);
    }
  }
}

/** The events frame's columns, in order, from the kit's own schema. */
const EVENT_COLUMNS = Object.keys(ANAPLAN_EVENT_SCHEMA);

/** One hand-written event; unspecified columns are null (success defaults to true). */
export interface EventRow {
  id: string;
  eventTypeId: string;
  userId?: string | null;
  objectId?: string | null;
  objectTypeId?: string | null;
  success?: boolean;
  ipAddress?: string | null;
  eventDate: string;
  additionalAttributes?: string | null;
}

/** An events frame with the full Anaplan event schema from a few hand-written rows. */
export function eventsFrame(rows: EventRow[]): pl.DataFrame {
  const text = (pick: (r: EventRow) => string | null | undefined) => rows.map((r) => pick(r) ?? null);
  const series = EVENT_COLUMNS.map((name) => {
    switch (name) {
      case "success":
        return pl.Series(
          name,
          rows.map((r) => r.success ?? true),
          pl.Bool,
        );
      case "eventDate":
      case "createdDate":
        return utc(
          name,
          rows.map((r) => r.eventDate),
        );
      default:
        return pl.Series(
          name,
          text((r) => (r as unknown as Record<string, string | null | undefined>)[name]),
          pl.Utf8,
        );
    }
  });
  return pl.DataFrame(series);
}

/** One hand-written Anaplan user. */
export interface UserRow {
  id: string;
  email: string;
  firstName?: string;
  lastName?: string;
  active?: boolean;
  lastLoginDate?: string | null;
}

/** A users frame with the Anaplan user schema. */
export function usersFrame(rows: UserRow[]): pl.DataFrame {
  return pl.DataFrame([
    pl.Series(
      "id",
      rows.map((r) => r.id),
      pl.Utf8,
    ),
    pl.Series(
      "email",
      rows.map((r) => r.email),
      pl.Utf8,
    ),
    pl.Series(
      "firstName",
      rows.map((r) => r.firstName ?? null),
      pl.Utf8,
    ),
    pl.Series(
      "lastName",
      rows.map((r) => r.lastName ?? null),
      pl.Utf8,
    ),
    pl.Series(
      "active",
      rows.map((r) => r.active ?? true),
      pl.Bool,
    ),
    pl.Series(
      "emailOptIn",
      rows.map(() => false),
      pl.Bool,
    ),
    pl.Series(
      "customerId",
      rows.map(() => "c1"),
      pl.Utf8,
    ),
    utc(
      "lastLoginDate",
      rows.map((r) => r.lastLoginDate ?? null),
    ),
  ]);
}

/**
 * Six events over three days: sign-ins of u1 (one failed) and model events on m1 and m2 by u1,
 * u2, u3 and no user. The shared fixture of the top-users and top-objects tests.
 *
 * @example
 * ```ts
 * topUsers(modelEvents(), { n: 2 })
 * ```
 */
export function modelEvents(): pl.DataFrame {
  return eventsFrame([
    { id: "1", eventTypeId: "USR-8", userId: "u1", eventDate: "2026-11-01T08:00:00Z" },
    { id: "2", eventTypeId: "USR-9", userId: "u1", success: false, eventDate: "2026-11-01T09:00:00Z" },
    {
      id: "3",
      eventTypeId: "MOD-1",
      userId: "u1",
      objectId: "m1",
      objectTypeId: "MODEL",
      eventDate: "2026-11-02T09:00:00Z",
    },
    {
      id: "4",
      eventTypeId: "MOD-1",
      userId: "u2",
      objectId: "m1",
      objectTypeId: "MODEL",
      eventDate: "2026-11-01T10:00:00Z",
    },
    {
      id: "5",
      eventTypeId: "MOD-1",
      userId: "u3",
      objectId: "m2",
      objectTypeId: "MODEL",
      eventDate: "2026-11-01T10:00:00Z",
    },
    {
      id: "6",
      eventTypeId: "MOD-1",
      userId: null,
      objectId: "m2",
      objectTypeId: "MODEL",
      eventDate: "2026-11-03T10:00:00Z",
    },
  ]);
}
