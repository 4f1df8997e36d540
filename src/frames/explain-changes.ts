import pl from "nodejs-polars";
import { ACCESS_EVENT_SCHEMA } from "./access-events.js";
import { ENTITLEMENT_CHANGE_SCHEMA } from "./entitlement-schema.js";

/**
 * Options of {@link explainChanges}.
 *
 * @example
 * ```ts
 * const options: ExplainChangesOptions = { toleranceMs: 60_000, snapshotDays: { from: "2026-03-01", to: "2026-03-31" } };
 * ```
 */
export interface ExplainChangesOptions {
  /**
   * How far outside the snapshot days an event may lie and still explain a change (snapshots are
   * taken at some time of their day, and events arrive late). @default 2 hours
   */
  toleranceMs?: number | undefined;
  /**
   * The first and last snapshot day (UTC, `YYYY-MM-DD`) the changes were computed over. Events
   * from the start of the first to the end of the last that explain no change are without effect;
   * without it the span is taken from the changes, so a run of snapshots whose first days changed
   * nothing cannot judge the events of those days. @default the days of the changes
   */
  snapshotDays?: { from: string; to: string } | undefined;
}

/**
 * What {@link explainChanges} returns.
 *
 * @example
 * ```ts
 * const { explained, unexplained }: ExplainedChanges = explainChanges(changes, events);
 * ```
 */
export interface ExplainedChanges {
  /** Changes with the audit event that explains them: the change's columns plus eventAt, eventId, code, actor. */
  explained: pl.DataFrame;
  /** Changes no audit event explains: what an auditor looks at first. */
  unexplained: pl.DataFrame;
  /** Access events inside the span the snapshots cover whose change no snapshot shows (ACCESS_EVENT_SCHEMA). */
  withoutEffect: pl.DataFrame;
}

const DAY_MS = 86_400_000;

/**
 * Matches each entitlement change to the audit event that explains it: same person, system and
 * kind of right, the same right name (ignoring case) where the event names one, the same scope id
 * where both have one, the same direction (`either` events match both), and an event time from the
 * start of the earlier snapshot's day to the end of the later one's, widened by the tolerance.
 * Each event explains at most one change; the latest candidate is taken. Events in the covered
 * span that explain no change are returned as without effect (events outside it cannot be judged).
 *
 * @param changes - entitlement changes ({@link ENTITLEMENT_CHANGE_SCHEMA})
 * @param events - access events ({@link ACCESS_EVENT_SCHEMA})
 * @param options - the tolerance
 * @returns explained changes, unexplained changes, and events without a visible effect
 * @example
 * ```ts
 * const { unexplained } = explainChanges(entitlementChangesOverSnapshots(snapshots), accessEvents({ anaplanEvents, anaplanUsers }));
 * ```
 */
export function explainChanges(
  changes: pl.DataFrame,
  events: pl.DataFrame,
  options: ExplainChangesOptions = {},
): ExplainedChanges {
  const tolerance = options.toleranceMs ?? 2 * 3_600_000;
  const changeRows = changes.toRecords() as Record<string, unknown>[];
  const eventRows = (events.toRecords() as Record<string, unknown>[]).map(
    (e, index): Record<string, unknown> & { index: number; atMs: number } => ({
      ...e,
      index,
      atMs: e.at instanceof Date ? e.at.getTime() : Number(e.at),
    }),
  );
  const used = new Set<number>();
  const explained: Record<string, unknown>[] = [];
  const unexplained: Record<string, unknown>[] = [];
  for (const change of changeRows) {
    const from = Date.parse(`${String(change.fromSnapshot)}T00:00:00Z`) - tolerance;
    const to = Date.parse(`${String(change.toSnapshot)}T00:00:00Z`) + DAY_MS + tolerance;
    const candidates = eventRows.filter(
      (e) => !used.has(e.index) && e.atMs >= from && e.atMs < to && matches(change, e),
    );
    const event = candidates.at(-1);
    if (!event) {
      unexplained.push(change);
      continue;
    }
    used.add(event.index);
    explained.push({
      ...change,
      eventAt: event.atMs,
      eventId: event.eventId ?? null,
      code: event.code,
      actor: event.actor,
    });
  }
  const span = options.snapshotDays
    ? {
        from: Date.parse(`${options.snapshotDays.from}T00:00:00Z`),
        to: Date.parse(`${options.snapshotDays.to}T00:00:00Z`) + DAY_MS,
      }
    : coveredSpan(changeRows);
  const withoutEffect = events.filter(
    pl.Series(
      "keep",
      eventRows.map(
        (e) => !used.has(e.index) && span !== undefined && e.atMs >= span.from && e.atMs < span.to,
      ),
      pl.Bool,
    ),
  );
  return {
    explained: explainedFrame(explained),
    unexplained:
      unexplained.length > 0
        ? changes.filter(
            pl.Series(
              "keep",
              changeRows.map((c) => unexplained.includes(c)),
              pl.Bool,
            ),
          )
        : changes.head(0),
    withoutEffect,
  };
}

function matches(change: Record<string, unknown>, event: Record<string, unknown>): boolean {
  if (
    change.person !== event.person ||
    change.system !== event.system ||
    change.rightType !== event.rightType
  )
    return false;
  if (event.change !== "either" && event.change !== change.change) return false;
  const eventRight = String(event.right ?? "").toLowerCase();
  if (eventRight && eventRight !== String(change.right ?? "").toLowerCase()) return false;
  return !(event.scopeId && change.scopeId && event.scopeId !== change.scopeId);
}

/** From the start of the earliest snapshot day to the end of the latest: where an event must have shown. */
function coveredSpan(changes: Record<string, unknown>[]): { from: number; to: number } | undefined {
  if (changes.length === 0) return undefined;
  const froms = changes.map((c) => String(c.fromSnapshot)).sort();
  const tos = changes.map((c) => String(c.toSnapshot)).sort();
  return { from: Date.parse(`${froms[0]}T00:00:00Z`), to: Date.parse(`${tos.at(-1)}T00:00:00Z`) + DAY_MS };
}

function explainedFrame(rows: Record<string, unknown>[]): pl.DataFrame {
  const text = (name: string) =>
    pl.Series(
      name,
      rows.map((r) => (r[name] == null ? null : String(r[name]))),
      pl.Utf8,
    );
  return pl.DataFrame([
    ...Object.keys(ENTITLEMENT_CHANGE_SCHEMA).map(text),
    pl
      .Series(
        "eventAt",
        rows.map((r) => r.eventAt as number),
        pl.Int64,
      )
      .cast(ACCESS_EVENT_SCHEMA.at),
    text("eventId"),
    text("code"),
    text("actor"),
  ]);
}
