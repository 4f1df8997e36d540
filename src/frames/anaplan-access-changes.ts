import pl from "nodejs-polars";
import { ANAPLAN_EVENT_TYPES } from "./anaplan-event-types.js";
import { fullName } from "./full-name.js";
import { inWindow, type TimeWindow } from "./time-window.js";

/**
 * Options of {@link anaplanAccessChanges}.
 *
 * @example
 * ```ts
 * const options: AnaplanAccessChangesOptions = { window: { from: "2026-03-01", to: "2026-04-01" } };
 * ```
 */
export interface AnaplanAccessChangesOptions {
  /** Only changes inside this window. @default all events */
  window?: TimeWindow;
}

/**
 * Role assignments and removals in Anaplan (AUTHZ-3 role assigned, AUTHZ-6 role unassigned),
 * one row per change, with the user whose access changed (the event's objectId) and the user
 * who made the change (its userId) resolved to e-mail and name. `selfAssigned` flags a user
 * changing their own access — always worth a second look in a review.
 *
 * @param events - an Anaplan events frame
 * @param users - an Anaplan users frame, to name both sides
 * @param options - window
 * @returns `eventDate`, `action` ("assigned" | "unassigned"), `roleName`, `roleId` (from
 *   additionalAttributes; null when absent), `targetUserId`, `targetEmail`, `targetName`,
 *   `performedById`, `performedByEmail`, `selfAssigned`, `success`; oldest first
 * @example
 * ```ts
 * anaplanAccessChanges(events, users)
 * // ┌─────────────────────────┬────────────┬────────────┬────────┬──────────────┬─────────────────┬────────────┬───────────────┬──────────────────┬──────────────┬─────────┐
 * // │ eventDate               ┆ action     ┆ roleName   ┆ roleId ┆ targetUserId ┆ targetEmail     ┆ targetName ┆ performedById ┆ performedByEmail ┆ selfAssigned ┆ success │
 * // ╞═════════════════════════╪════════════╪════════════╪════════╪══════════════╪═════════════════╪════════════╪═══════════════╪══════════════════╪══════════════╪═════════╡
 * // │ 2026-11-01 09:00:00 UTC ┆ assigned   ┆ Full Access┆ r1     ┆ u2           ┆ ben@example.com ┆ Ben Patel  ┆ u1            ┆ ada@example.com  ┆ false        ┆ true    │
 * // │ 2026-11-02 10:00:00 UTC ┆ unassigned ┆ Full Access┆ r1     ┆ u2           ┆ ben@example.com ┆ Ben Patel  ┆ u2            ┆ ben@example.com  ┆ true         ┆ true    │
 * // └─────────────────────────┴────────────┴────────────┴────────┴──────────────┴─────────────────┴────────────┴───────────────┴──────────────────┴──────────────┴─────────┘
 * ```
 */
export function anaplanAccessChanges(
  events: pl.DataFrame,
  users: pl.DataFrame,
  options: AnaplanAccessChangesOptions = {},
): pl.DataFrame {
  const { roleAssigned, roleUnassigned } = ANAPLAN_EVENT_TYPES;
  const attribute = (key: string) => pl.col("additionalAttributes").str.jsonPathMatch(`$.${key}`);
  const targets = users.select(
    pl.col("id").alias("targetUserId"),
    pl.col("email").alias("targetEmail"),
    fullName("firstName", "lastName").alias("targetName"),
  );
  const performers = users.select(
    pl.col("id").alias("performedById"),
    pl.col("email").alias("performedByEmail"),
  );
  return events
    .filter(
      inWindow("eventDate", options.window).and(pl.col("eventTypeId").isIn([roleAssigned, roleUnassigned])),
    )
    .select(
      "id",
      "eventDate",
      pl
        .when(pl.col("eventTypeId").eq(pl.lit(roleAssigned)))
        .then(pl.lit("assigned"))
        .otherwise(pl.lit("unassigned"))
        .alias("action"),
      attribute("roleName").alias("roleName"),
      attribute("roleId").alias("roleId"),
      pl.col("objectId").fillNull(attribute("targetUserId")).alias("targetUserId"),
      pl.col("userId").alias("performedById"),
      "success",
    )
    .join(targets, { on: "targetUserId", how: "left" })
    .join(performers, { on: "performedById", how: "left" })
    .sort(["eventDate", "id"])
    .select(
      "eventDate",
      "action",
      "roleName",
      "roleId",
      "targetUserId",
      "targetEmail",
      "targetName",
      "performedById",
      "performedByEmail",
      pl.col("targetUserId").eq(pl.col("performedById")).fillNull(false).alias("selfAssigned"),
      "success",
    );
}
