import pl from "nodejs-polars";

/** The columns {@link withUsers} adds to events, in order. */
export const WITH_USERS_COLUMNS = ["firstName", "lastName", "email"] as const;

/**
 * Adds the acting user's firstName, lastName and email to every event: a left join of
 * `events.userId` on `users.id`. Every event row is kept, in its order; the new columns are
 * null where no user matches (system ids such as `INTERNAL_7`, deleted users, visitors from
 * other tenants). If `users` lists an id twice, its first row wins, so rows never multiply.
 * Pure: frames in, frame out.
 *
 * @param events - an events frame (from `anaplan.audit.getEvents`), with a `userId` column
 * @param users - a users frame (from `anaplan.audit.listUsers`), with id, firstName, lastName, email
 * @returns the events with firstName, lastName and email appended (replacing any earlier ones)
 * @example
 * ```ts
 * const joined = withUsers(await anaplan.audit.getEvents(14), await anaplan.audit.listUsers());
 * joined.filter(pl.col("email").isNull()).select("userId").unique() //=> INTERNAL_* and deleted users
 * ```
 */
export function withUsers(events: pl.DataFrame, users: pl.DataFrame): pl.DataFrame {
  const lookup = users
    .select(
      pl.col("id").cast(pl.String).alias("__userKey"),
      ...WITH_USERS_COLUMNS.map((name) => pl.col(name).cast(pl.String)),
    )
    .filter(pl.col("__userKey").isNotNull())
    .unique({ subset: ["__userKey"], keep: "first", maintainOrder: true });
  const stale = WITH_USERS_COLUMNS.filter((name) => events.columns.includes(name));
  const base = stale.length > 0 ? events.drop(stale) : events;
  // Join the userId column alone, in event order, and append the three columns: the events'
  // own columns are neither copied nor re-sorted (lookup ids are unique, so heights match).
  const userIds: pl.DataFrame = base.select("userId");
  const added: pl.DataFrame = userIds
    .join(lookup, { leftOn: "userId", rightOn: "__userKey", how: "left", maintainOrder: "left" })
    .select(...WITH_USERS_COLUMNS);
  return pl.concat([base, added], { how: "horizontal" });
}
