import pl from "nodejs-polars";
import type { AnaplanClient } from "../anaplan/anaplan-client.js";
import { utcDay } from "../archive/utc-day.js";
import type { EpmClient } from "../epm/epm-client.js";
import { ENTITLEMENT_SCHEMA } from "../frames/entitlement-schema.js";
import type { EntitlementSnapshots } from "./audit-run-type.js";

/**
 * The current entitlement state of each configured source, fetched now, as a one-day
 * {@link EntitlementSnapshots} (no history: live APIs hold only the present state). A source
 * whose call fails is left empty and named in `incomplete`.
 *
 * @param anaplan - the Anaplan client, or undefined
 * @param epm - the EPM client, or undefined
 * @param now - the current time in epoch ms
 * @returns the snapshots of today
 * @example
 * ```ts
 * const s = await liveEntitlementSnapshots(anaplan, epm, Date.now());
 * s.days.anaplan //=> ["2026-12-06"]
 * ```
 */
export async function liveEntitlementSnapshots(
  anaplan: AnaplanClient | undefined,
  epm: EpmClient | undefined,
  now: number,
): Promise<EntitlementSnapshots> {
  const day = utcDay(now);
  const incomplete: string[] = [];
  const take = async (name: string, fetch: (() => Promise<pl.DataFrame>) | undefined) => {
    if (!fetch) return { df: withSnapshot(emptyEntitlements(), day), days: [] as string[] };
    try {
      return { df: withSnapshot(await fetch(), day), days: [day] };
    } catch (error) {
      incomplete.push(`${name} entitlements ${day}: ${(error as Error).message}`);
      return { df: withSnapshot(emptyEntitlements(), day), days: [] as string[] };
    }
  };
  const a = await take("Anaplan", anaplan && (() => anaplan.entitlements.snapshot()));
  const e = await take("Oracle EPM", epm && (() => epm.entitlements.snapshot()));
  return {
    anaplan: a.df,
    epm: e.df,
    days: { anaplan: a.days, epm: e.days },
    baseline: { anaplan: null, epm: null },
    incomplete,
    derivedCompleteFrom: null,
    note: `live: the current state only, fetched ${day}; sync an archive (KIT_ARCHIVE) for snapshots over days`,
  };
}

/**
 * A zero-row frame of {@link ENTITLEMENT_SCHEMA}.
 *
 * @returns the empty frame
 * @example
 * ```ts
 * emptyEntitlements().height //=> 0
 * ```
 */
export function emptyEntitlements(): pl.DataFrame {
  return pl.DataFrame(Object.entries(ENTITLEMENT_SCHEMA).map(([name, type]) => pl.Series(name, [], type)));
}

/** The frame with a `snapshot` column (the day) appended. */
function withSnapshot(df: pl.DataFrame, day: string): pl.DataFrame {
  return df.withColumns(pl.lit(day).cast(pl.Utf8).alias("snapshot"));
}
