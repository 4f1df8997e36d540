import type pl from "nodejs-polars";
import type { TimeWindow } from "../frames/time-window.js";

/**
 * The frames rules read; each is optional, and a rule whose frames are missing is reported as
 * skipped (never silently empty). Names are the kit's frames: Anaplan `getEvents`/`listUsers`, the
 * EPM reports, and `rights` (who holds what: {@link accessRights}, or entitlement frames).
 *
 * @example
 * ```ts
 * const frames: FindingsFrames = { anaplanEvents: events, epmRoleAssignmentAudit: roleAudit, epmUserLogins: logins };
 * ```
 */
export interface FindingsFrames {
  anaplanEvents?: pl.DataFrame | undefined;
  anaplanUsers?: pl.DataFrame | undefined;
  epmRoleAssignmentAudit?: pl.DataFrame | undefined;
  epmGroupAssignmentAudit?: pl.DataFrame | undefined;
  epmUserLogins?: pl.DataFrame | undefined;
  /**
   * EPM accounts with `userLogin` and `email` (the Role Assignment or User Group report): maps the
   * User Login report's logins to the person keys of the rights frame, so an account whose login
   * is a short user name is matched on its e-mail. Without it such logins stay logins (and their
   * holders look dormant).
   */
  epmAccounts?: pl.DataFrame | undefined;
  epmInvalidLogins?: pl.DataFrame | undefined;
  /** Current rights: person, system, right, privileged (see {@link accessRights}). */
  rights?: pl.DataFrame | undefined;
  /**
   * Why `rights` lacks a system's rights, one line each (e.g. "Anaplan entitlements could not be
   * read: …"): the rules over held rights still run on what is there, and are listed in
   * `partial`, so an absent conflict is not read as "no conflict". @default none
   */
  rightsIncomplete?: readonly string[] | undefined;
}

/**
 * Options of `findings()`.
 *
 * @example
 * ```ts
 * const options: FindingsOptions = { window: { from: "2026-03-01", to: "2026-04-01" }, now: new Date("2026-04-01") };
 * ```
 */
export interface FindingsOptions {
  /** The review window: evidence outside it is not considered. @default everything in the frames */
  window?: TimeWindow | undefined;
  /** "Now", for dormancy. @default the window's end, else the latest time in the frames */
  now?: Date | number | undefined;
}
