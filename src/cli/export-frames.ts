import type { DataFrame, LazyDataFrame } from "nodejs-polars";
import { readArchive } from "../archive/read-archive.js";
import { readInstant } from "../archive/utc-day.js";
import { ValidationError } from "../errors/validation-error.js";
import { withUsers } from "../frames/with-users.js";
import { formatUtcDay } from "../time/format-utc-day.js";
import { toInstantRange } from "../time/utc-day-window.js";
import { windowOfLastDays } from "../time/window-of-last-days.js";
import type { ArchiveCliSources } from "./archive-cli-sources.js";

/** The frames `npm run export` writes, by their command-line name. */
export const EXPORT_FRAMES = {
  events: "Anaplan audit events",
  users: "Anaplan users",
  joined: "Anaplan events with the user's firstName, lastName, email (withUsers)",
  "group-assignment-audit": "Oracle EPM group assignment audit",
  "role-assignment-audit": "Oracle EPM role assignment audit",
  "invalid-logins": "Oracle EPM invalid logins",
  "user-logins": "Oracle EPM user logins",
  "role-assignments": "Oracle EPM role assignments (current state)",
  "user-groups": "Oracle EPM user groups (current state)",
  "anaplan-entitlements":
    "Anaplan entitlement snapshots (archive: each day of the range plus the baseline before it; live: now)",
  "epm-entitlements":
    "Oracle EPM entitlement snapshots (archive: each day of the range plus the baseline before it; live: now)",
} as const;

/** A frame name of {@link EXPORT_FRAMES}. */
export type ExportFrameName = keyof typeof EXPORT_FRAMES;

/** Where {@link loadExportFrame} reads from, and the time range. */
export interface LoadExportFrameOptions {
  /** Read this archive; otherwise the live sources. */
  archive: string | undefined;
  sources: ArchiveCliSources | undefined;
  from: string | undefined;
  to: string | undefined;
  /** Days back when `from` is not given. @default 30 live, the whole archive otherwise */
  days: number | undefined;
}

type EpmAudit = "groupAssignmentAudit" | "roleAssignmentAudit" | "invalidLogins" | "userLogins";

/**
 * Loads one export frame: lazily from an archive, or from the live clients.
 *
 * @param name - the frame
 * @param options - archive or live sources, and the range
 * @returns the frame (lazy when read from an archive, except `joined`)
 * @throws ValidationError when the frame's system is not configured, or the range is invalid,
 *   empty or inverted (from not before to);
 *   ArchiveError and the clients' errors
 * @example
 * ```ts
 * await loadExportFrame("invalid-logins", { archive: "archive", sources: undefined, from: "2026-01-01", to: undefined, days: undefined })
 * ```
 */
export async function loadExportFrame(
  name: ExportFrameName,
  options: LoadExportFrameOptions,
): Promise<DataFrame | LazyDataFrame> {
  const key = camel(name);
  return options.archive ? loadFromArchive(key, options.archive, options) : loadLive(key, options);
}

type FrameKey = ReturnType<typeof camel>;

/** The frame from an archive: lazy, except `joined`. */
async function loadFromArchive(
  key: FrameKey,
  archive: string,
  options: LoadExportFrameOptions,
): Promise<DataFrame | LazyDataFrame> {
  const now = Date.now();
  // --days N: the N complete UTC days before today (whole days, the same all day long).
  const lastDays =
    options.from === undefined && options.days
      ? toInstantRange(windowOfLastDays(options.days, now))
      : undefined;
  const from = options.from ?? lastDays?.from;
  const frames = await readArchive(archive, {
    ...(from !== undefined ? { from } : {}),
    ...(options.to ? { to: options.to } : lastDays ? { to: lastDays.to } : {}),
  });
  if (key === "joined") return withUsers(await frames.events.collect(), await frames.users.collect());
  return frames[key];
}

/** The frame from the live clients, for a window checked first (not empty, not inverted). */
async function loadLive(key: FrameKey, options: LoadExportFrameOptions): Promise<DataFrame> {
  const sources = options.sources!;
  const now = sources.now();
  // Without --from and --to: the --days N (default 30) complete UTC days before today.
  const lastDays =
    options.from === undefined && options.to === undefined
      ? toInstantRange(windowOfLastDays(options.days ?? 30, now))
      : undefined;
  const to = lastDays?.to ?? (options.to === undefined ? now : readInstant(options.to, "--to", true));
  const from =
    lastDays?.from ??
    (options.from === undefined
      ? to - (options.days ?? 30) * 86_400_000
      : readInstant(options.from, "--from"));
  checkWindow(from, Math.min(to, now), to > now && options.to !== undefined, options);
  const range = { from: new Date(from), to: new Date(Math.min(to, now)) };
  const days = { from: day(from), to: day(Math.min(to, now) - 1) };
  if (key === "events" || key === "users" || key === "joined" || key === "anaplanEntitlements") {
    const anaplan = sources.anaplan;
    if (!anaplan)
      throw notConfigured("Anaplan", "ANAPLAN_EMAIL + ANAPLAN_PASSWORD (or a certificate or token)");
    if (key === "users") return anaplan.audit.listUsers();
    if (key === "anaplanEntitlements") return anaplan.entitlements.snapshot();
    // The client counts its 30-day retention in whole UTC days, so 30 complete days pass.
    const events = await anaplan.audit.getEvents(range);
    return key === "events" ? events : withUsers(events, await anaplan.audit.listUsers());
  }
  const epm = sources.epm;
  if (!epm) throw notConfigured("Oracle EPM", "EPM_URL + EPM_USERNAME + EPM_PASSWORD (or EPM_TOKEN)");
  if (key === "epmEntitlements") return epm.entitlements.snapshot();
  if (key === "roleAssignments") return epm.reports.roleAssignments();
  if (key === "userGroups") return epm.reports.userGroups();
  return epm.reports[key](days);
}

function camel(name: ExportFrameName) {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) as
    | "events"
    | "users"
    | "joined"
    | EpmAudit
    | "roleAssignments"
    | "userGroups"
    | "anaplanEntitlements"
    | "epmEntitlements";
}

function day(ms: number): string {
  return formatUtcDay(ms);
}

/** An empty or inverted window would export an empty file and look like success: refused. */
function checkWindow(from: number, end: number, capped: boolean, options: LoadExportFrameOptions): void {
  if (from < end) return;
  const start = options.from === undefined ? `${options.days ?? 30} days back` : `--from ${options.from}`;
  const stop = capped
    ? "now (the end is capped at now)"
    : options.to === undefined
      ? "now"
      : `--to ${options.to}`;
  throw new ValidationError(
    `The window is ${from > (options.to === undefined || capped ? end : readInstant(options.to, "--to")) ? "inverted" : "empty"}: ${start} (${new Date(from).toISOString()}) is not before ${stop} (${new Date(end).toISOString()}). Give --from before --to; a bare --to date includes that whole day.`,
  );
}

function notConfigured(system: string, vars: string): ValidationError {
  return new ValidationError(
    `${system} is not configured, so this frame cannot be fetched live. Set ${vars}, unset every ANAPLAN_* and EPM_* variable to use the simulator, or read an archive with --archive DIR.`,
  );
}
