import { generatePeople, type Person } from "../people.js";
import { pickWeighted, randomHex, seededRandom } from "../random.js";

/** An EPM account of the synthetic tenant. */
export interface EpmSimAccount {
  /** The person's index in the shared organisation. */
  index: number;
  /** EPM user login (`Person.epmLogin`: usually the e-mail, sometimes not). */
  login: string;
  firstName: string;
  lastName: string;
  email: string;
  /** False for deactivated accounts (`Person.epmActive`). */
  active: boolean;
  /** A Service Administrator, who makes most access changes. */
  admin: boolean;
  /** Where the person usually signs in from. */
  homeIp: string;
  /** Groups the account is a direct member of. */
  groups: string[];
  /** Roles granted to the account directly. */
  roles: string[];
}

/** A group: EPM (in Access Control) or IDCS (in the identity domain). */
export interface EpmSimGroup {
  name: string;
  type: "EPM" | "IDCS";
  /** Roles the group grants its members. */
  roles: string[];
  /** The group this one is nested in (its members are indirect members there). */
  parent?: string;
}

/**
 * The synthetic EPM tenant: accounts from the shared people, groups, roles.
 *
 * @example
 * ```ts
 * const tenant: EpmSimTenant = sim.epm.tenant;
 * console.log(tenant.accounts.length, tenant.roles);
 * ```
 */
export interface EpmSimTenant {
  accounts: EpmSimAccount[];
  groups: EpmSimGroup[];
  /** Every role that can be granted. */
  roles: string[];
  /** People of the organisation without an EPM account (they still fail sign-ins, and were deleted users). */
  outsiders: Person[];
  /** The quoted id line EPM writes before some CSV headers. */
  applicationId: string;
  /**
   * The login of the planted dormant privileged account: active, holding Power User directly,
   * and never signing in (no User Login rows), or null when the tenant has no active ordinary
   * account. What `dormant-privileged` must find.
   */
  dormant: string | null;
}

const GROUPS: EpmSimGroup[] = [
  { name: "Finance Planners", type: "EPM", roles: ["Power User"] },
  { name: "Planners, EMEA", type: "EPM", roles: ["Approvals - Supervise"], parent: "Finance Planners" },
  { name: "FP&A Analysts", type: "EPM", roles: ["User", "Ad Hoc - Create"] },
  { name: "Budget Approvers", type: "EPM", roles: ["User", "Approvals - Supervise"] },
  { name: "Consolidation Team", type: "EPM", roles: ["Power User", "Mass Allocate"] },
  { name: "Reporting Viewers", type: "EPM", roles: ["Viewer"] },
  { name: "Tax Team", type: "EPM", roles: ["User"], parent: "Consolidation Team" },
  { name: "IDCS Finance Users", type: "IDCS", roles: ["User"] },
  { name: "IDCS Auditors", type: "IDCS", roles: ["Viewer", "Access Control - View"] },
];
const ROLES = [
  "Service Administrator",
  "Power User",
  "User",
  "Viewer",
  "Approvals - Supervise",
  "Ad Hoc - Create",
  "Mass Allocate",
  "Access Control - View",
  "Access Control - Manage",
];
// How often each group is picked as a direct membership.
const GROUP_WEIGHTS = [3, 2, 4, 2, 2, 3, 1, 4, 1];

/**
 * Builds the EPM tenant for a seed from the same people as the Anaplan tenant: EPM accounts
 * are the people with `inEpm`, active when `epmActive`, logging in as `epmLogin`. Three active
 * accounts are Service Administrators. One active ordinary account holding Power User directly
 * never signs in (`dormant`, given Power User when no such account exists). Group names include a
 * comma ("Planners, EMEA") and two groups are nested, so reports carry quoted commas and indirect
 * memberships.
 *
 * @param seed - tenant seed (the simulator's)
 * @param people - size of the shared organisation (the Anaplan tenant's)
 * @returns the tenant, the same for the same arguments
 * @example
 * ```ts
 * createEpmSimTenant(1, 300).accounts.filter((a) => a.admin).length //=> 3
 * ```
 */
export function createEpmSimTenant(seed: number, people: number): EpmSimTenant {
  const all = generatePeople(seed, people);
  const accounts: EpmSimAccount[] = [];
  for (const person of all.filter((p) => p.inEpm)) {
    const r = seededRandom(seed, 0xe9a, person.index);
    const groups = new Set<string>();
    const count = 1 + Math.floor(r() * 2.6);
    for (let i = 0; i < count; i++) groups.add(GROUPS[pickWeighted(r, GROUP_WEIGHTS)]!.name);
    accounts.push({
      index: person.index,
      login: person.epmLogin,
      firstName: person.firstName,
      lastName: person.lastName,
      email: person.email,
      active: person.epmActive,
      admin: false,
      homeIp: `198.51.100.${1 + Math.floor(r() * 254)}`,
      groups: [...groups].sort(),
      roles: r() < 0.06 ? ["Power User"] : [],
    });
  }
  const r = seededRandom(seed, 0xad31);
  const candidates = accounts.filter((a) => a.active);
  while (accounts.filter((a) => a.admin).length < Math.min(3, candidates.length)) {
    const admin = candidates[Math.floor(r() * candidates.length)]!;
    admin.admin = true;
    admin.roles = ["Access Control - Manage", "Service Administrator"];
  }
  // The planted dormant privileged account: the first ordinary active Power User (direct role).
  const ordinary = candidates.filter((a) => !a.admin);
  const dormant = ordinary.find((a) => a.roles.includes("Power User")) ?? ordinary[0];
  if (dormant && !dormant.roles.includes("Power User")) dormant.roles = ["Power User"];
  return {
    accounts,
    dormant: dormant?.login ?? null,
    groups: GROUPS,
    roles: ROLES,
    outsiders: all.filter((p) => !p.inEpm),
    applicationId: Buffer.from(randomHex(r, 24), "hex").toString("base64"),
  };
}
