import type pl from "nodejs-polars";
import type { ArchiveDatasetState, ArchiveManifest } from "../archive/archive-manifest.js";
import { readArchive } from "../archive/read-archive.js";
import { accessRights } from "../rules/access-rights.js";
import { anaplanRights } from "../rules/anaplan-rights.js";
import type { FindingsFrames } from "../rules/findings-input.js";
import type { EvidencePackSource } from "./write-evidence-pack.js";

/**
 * The archive's frames for a window, as rules read them and as a pack stores them.
 *
 * @example
 * ```ts
 * const { frames, sources }: ArchiveEvidence = await archiveEvidence(archive, window);
 * ```
 */
export interface ArchiveEvidence {
  frames: FindingsFrames;
  sources: EvidencePackSource[];
}

const DAY_MS = 86_400_000;
const API = {
  anaplan: "Anaplan Audit API 1 / Integration API 2.0",
  epm: "EPM interop REST v2 / security v1",
};

/**
 * Reads everything the rules and an evidence pack need from an archive for a window of whole UTC
 * days: Anaplan events and users, the four EPM audit reports, the EPM role and group snapshots,
 * and the rights built from them and from the Anaplan entitlement snapshot nearest the window's
 * end (`rightsIncomplete` says which is missing); each source with its origin and the days the
 * archive covers (for the Anaplan entitlements, the day of the snapshot read).
 *
 * @param archive - the archive folder
 * @param window - inclusive UTC days
 * @returns the frames and the pack sources
 * @example
 * ```ts
 * const { frames, sources } = await archiveEvidence("archive", { from: "2026-11-01", to: "2026-11-30" });
 * ```
 */
export async function archiveEvidence(
  archive: string,
  window: { from: string; to: string },
): Promise<ArchiveEvidence> {
  const lazy = await readArchive(archive, { from: window.from, to: window.to });
  const [events, users, roleAudit, groupAudit, invalid, logins, roles, groups] = await Promise.all(
    [
      lazy.events,
      lazy.users,
      lazy.roleAssignmentAudit,
      lazy.groupAssignmentAudit,
      lazy.invalidLogins,
      lazy.userLogins,
      lazy.roleAssignments,
      lazy.userGroups,
    ].map((frame) => frame.collect()),
  );
  const m = lazy.manifest;
  // The rights as the EPM role snapshot: the Anaplan entitlement snapshot nearest the window's end.
  const anaplanEntitlements = await lazy.latestEntitlements.anaplanEntitlements.collect();
  const rightsIncomplete = [
    ...(anaplanEntitlements.height > 0
      ? []
      : ["no Anaplan entitlement snapshot in the archive (sync takes one a day): no Anaplan rights"]),
    ...(roles!.height === 0 ? ["no Oracle EPM role assignments snapshot in the archive: no EPM roles"] : []),
  ];
  const source = (
    name: string,
    system: "anaplan" | "epm",
    dataset: keyof ArchiveManifest["datasets"],
    frame: pl.DataFrame,
  ): EvidencePackSource => ({
    name,
    origin: m.origin?.[system] ?? "unknown (the archive records no source)",
    apiVersion: API[system],
    requested: window,
    covered: covered(m.datasets[dataset], window),
    frame: frame!,
  });
  return {
    frames: {
      anaplanEvents: events,
      anaplanUsers: users,
      epmRoleAssignmentAudit: roleAudit,
      epmGroupAssignmentAudit: groupAudit,
      epmInvalidLogins: invalid,
      epmUserLogins: logins,
      epmAccounts: roles,
      rights: accessRights({
        epmRoleAssignments: roles,
        epmUserGroups: groups,
        extra: anaplanRights(anaplanEntitlements),
      }),
      ...(rightsIncomplete.length > 0 && { rightsIncomplete }),
    },
    sources: [
      source("anaplan-events", "anaplan", "events", events!),
      source("anaplan-users", "anaplan", "users", users!),
      source("epm-role-assignment-audit", "epm", "roleAssignmentAudit", roleAudit!),
      source("epm-group-assignment-audit", "epm", "groupAssignmentAudit", groupAudit!),
      source("epm-invalid-logins", "epm", "invalidLogins", invalid!),
      source("epm-user-logins", "epm", "userLogins", logins!),
      source("epm-role-assignments", "epm", "roleAssignments", roles!),
      source("epm-user-groups", "epm", "userGroups", groups!),
      {
        ...source("anaplan-entitlements", "anaplan", "anaplanEntitlements", anaplanEntitlements),
        covered: snapshotDay(anaplanEntitlements),
      },
    ],
  };
}

/** The day of the entitlement snapshot the rules read (its `snapshot` column), as a covered span. */
function snapshotDay(frame: pl.DataFrame): Array<{ from: string; to: string }> {
  if (frame.height === 0) return [];
  const day = String(frame.getColumn("snapshot").get(0));
  return [{ from: day, to: day }];
}

/** The window's days the dataset covers: its covered span, less its gaps; a snapshot covers its day. */
function covered(
  state: ArchiveDatasetState | undefined,
  window: { from: string; to: string },
): Array<{ from: string; to: string }> {
  if (!state) return [];
  if (state.lastSnapshot) return [{ from: state.lastSnapshot, to: state.lastSnapshot }];
  if (!state.coveredFrom || !state.coveredTo) return [];
  const start = Math.max(Date.parse(`${window.from}T00:00:00Z`), Date.parse(state.coveredFrom));
  // coveredTo is exclusive: the last whole day covered is the day before it, unless it is midnight.
  const endExclusive = Math.min(Date.parse(`${window.to}T00:00:00Z`) + DAY_MS, Date.parse(state.coveredTo));
  const firstDay = Math.ceil(start / DAY_MS) * DAY_MS;
  const lastDay = Math.floor(endExclusive / DAY_MS) * DAY_MS - DAY_MS;
  if (lastDay < firstDay) return [];
  let spans = [{ from: firstDay, to: lastDay }];
  for (const gap of state.gaps ?? []) {
    const gFrom = Math.floor(Date.parse(gap.from) / DAY_MS) * DAY_MS;
    const gTo = Math.floor((Date.parse(gap.to) - 1) / DAY_MS) * DAY_MS;
    spans = spans.flatMap((s) => {
      if (gTo < s.from || gFrom > s.to) return [s];
      const parts = [];
      if (gFrom > s.from) parts.push({ from: s.from, to: gFrom - DAY_MS });
      if (gTo < s.to) parts.push({ from: gTo + DAY_MS, to: s.to });
      return parts;
    });
  }
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return spans.map((s) => ({ from: day(s.from), to: day(s.to) }));
}
