import { isMap, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { ValidationError } from "../errors/validation-error.js";
import { RULE_KINDS, type Rule, SEVERITIES } from "./rule.js";

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
/** Problems listed at most in one error. */
const MAX_PROBLEMS = 20;

/**
 * Reads a rule file (YAML or JSON: a list of rules, or `{ rules: [...] }`) and checks every
 * rule, so a mistake is reported with its line instead of surfacing as a wrong result later.
 *
 * @param text - the file's text
 * @param name - the file name, for messages. @default "rules"
 * @returns the rules
 * @throws {@link ValidationError} listing each problem as `name line N: …`
 * @example
 * ```ts
 * readRules("- { id: self, kind: self-grant, severity: critical }\n")
 * //=> [{ id: "self", kind: "self-grant", severity: "critical" }]
 * ```
 */
export function readRules(text: string, name = "rules"): Rule[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const problems: string[] = [];
  for (const error of doc.errors.slice(0, MAX_PROBLEMS)) {
    problems.push(`${name} line ${error.linePos?.[0].line ?? 1}: ${error.message.split("\n")[0]}`);
  }
  if (problems.length > 0) throw rulesError(name, problems);
  const root = doc.contents;
  const list = isMap(root) ? root.get("rules", true) : root;
  if (!isSeq(list)) {
    throw rulesError(name, [`${name} line 1: expected a list of rules, or { rules: [...] }`]);
  }
  const line = (node: Node | null | undefined, fallback: number) =>
    node?.range ? lines.linePos(node.range[0]).line : fallback;
  const rules: Rule[] = [];
  const ids = new Set<string>();
  list.items.forEach((item, index) => {
    const at = line(item as Node, 1);
    if (!isMap(item)) {
      problems.push(`${name} line ${at}: rule ${index + 1} is not a mapping (id, kind, severity, …)`);
      return;
    }
    const where = (key: string) => `${name} line ${line(item.get(key, true) as Node, at)}: rule ${index + 1}`;
    const before = problems.length;
    const rule = item.toJSON() as Record<string, unknown>;
    checkRule(rule, where, problems);
    if (typeof rule.id === "string") {
      if (ids.has(rule.id)) problems.push(`${where("id")}: the id "${rule.id}" is used twice`);
      ids.add(rule.id);
    }
    if (problems.length === before) rules.push(rule as unknown as Rule);
  });
  if (problems.length > 0) throw rulesError(name, problems);
  return rules;
}

type Where = (key: string) => string;

function checkRule(rule: Record<string, unknown>, where: Where, problems: string[]): void {
  const need = (key: string, ok: boolean, what: string) => {
    if (!ok) problems.push(`${where(key)}: ${key} must be ${what}, got ${show(rule[key])}`);
  };
  need(
    "id",
    typeof rule.id === "string" && /^[A-Za-z0-9._-]{1,80}$/.test(rule.id),
    "a name of letters, digits, . _ -",
  );
  need("kind", RULE_KINDS.includes(rule.kind as Rule["kind"]), `one of ${RULE_KINDS.join(", ")}`);
  need("severity", SEVERITIES.includes(rule.severity as never), `one of ${SEVERITIES.join(", ")}`);
  if (rule.title !== undefined) need("title", typeof rule.title === "string", "text");
  const number = (key: string, min: number, max: number) =>
    need(
      key,
      Number.isInteger(rule[key]) && (rule[key] as number) >= min && (rule[key] as number) <= max,
      `a whole number from ${min} to ${max}`,
    );
  switch (rule.kind) {
    case "change-window":
      need(
        "timeZone",
        typeof rule.timeZone === "string" && isTimeZone(rule.timeZone),
        "an IANA time zone such as Europe/Berlin or UTC",
      );
      need(
        "days",
        Array.isArray(rule.days) &&
          rule.days.length > 0 &&
          rule.days.every((d) => DAYS.includes(d as string)),
        `a list of ${DAYS.join(", ")}`,
      );
      need("hours", isHours(rule.hours), 'a mapping { from: "HH:mm", to: "HH:mm" } with from before to');
      break;
    case "dormant-privileged":
      number("days", 1, 3660);
      break;
    case "failed-sign-in-burst":
      need("per", rule.per === "account" || rule.per === "address", "account or address");
      number("threshold", 2, 100_000);
      number("minutes", 1, 10_080);
      break;
    case "segregation-of-duties":
      need(
        "conflicts",
        isConflicts(rule.conflicts),
        "a list of sets, each a list of at least two { system: anaplan|epm, right: text }",
      );
      break;
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}

function isHours(value: unknown): boolean {
  if (!value || typeof value !== "object") return false;
  const { from, to } = value as Record<string, unknown>;
  return (
    typeof from === "string" && typeof to === "string" && HH_MM.test(from) && HH_MM.test(to) && from < to
  );
}

function isConflicts(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (set) =>
        Array.isArray(set) &&
        set.length >= 2 &&
        set.every(
          (r) =>
            r !== null &&
            typeof r === "object" &&
            ((r as Record<string, unknown>).system === "anaplan" ||
              (r as Record<string, unknown>).system === "epm") &&
            typeof (r as Record<string, unknown>).right === "string" &&
            ((r as Record<string, unknown>).right as string).trim() !== "",
        ),
    )
  );
}

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function rulesError(name: string, problems: string[]): ValidationError {
  const shown = problems.slice(0, MAX_PROBLEMS);
  const more = problems.length > shown.length ? `\n(and ${problems.length - shown.length} more)` : "";
  return new ValidationError(
    `The rule file ${name} has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${shown.join("\n")}${more}`,
  );
}
