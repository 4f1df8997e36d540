import { ValidationError } from "../errors/validation-error.js";

/**
 * Longest repository name the kit sends, in characters (folders included).
 *
 * @example
 * ```ts
 * EPM_MAX_FILE_NAME_LENGTH //=> 512
 * ```
 */
export const EPM_MAX_FILE_NAME_LENGTH = 512;
/**
 * Longest single folder or file part of a repository name, in characters.
 *
 * @example
 * ```ts
 * EPM_MAX_NAME_PART_LENGTH //=> 255
 * ```
 */
export const EPM_MAX_NAME_PART_LENGTH = 255;

// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
// A high surrogate without a low one after it, or a low one without a high one before it.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Checks a name in the EPM file repository before it goes into a URL or a job: a file name,
 * optionally inside folders (`inbox/x.csv`, `outbox/Q1 2026/r.csv`, or EPM's backslash form
 * `inbox\x.csv`, as the Download and Delete APIs document). Refused: a name that is not text,
 * is empty or blank, longer than {@link EPM_MAX_FILE_NAME_LENGTH} characters (or a part longer
 * than {@link EPM_MAX_NAME_PART_LENGTH}), holds a control character or a lone surrogate, or has a
 * part that is empty (a leading, trailing or doubled `/` or `\`), `.` or `..`. So
 * `files.delete("..")` can never reach the API root, nor `inbox/../x` another folder.
 *
 * @param name - the name as the caller gave it
 * @param what - what the name is for, in the message @default "EPM file name"
 * @returns the name, unchanged
 * @throws {@link ValidationError} naming the bad value (control characters escaped, long
 * values cut) and the rule it breaks; nothing has been sent
 * @example
 * ```ts
 * checkEpmFileName("inbox/UserLogin.csv") //=> "inbox/UserLogin.csv"
 * checkEpmFileName("..")
 * //=> throws ValidationError: EPM file name ".." is not allowed: "." and ".." are not file names. …
 * ```
 */
export function checkEpmFileName(name: unknown, what = "EPM file name"): string {
  const problem = fileNameProblem(name);
  if (problem !== undefined) {
    throw new ValidationError(
      `${what} ${showName(name)} is not allowed: ${problem}. Pass a repository name as epm.files.list() shows it, e.g. "inbox/report.csv"; nothing was sent.`,
    );
  }
  return name as string;
}

function fileNameProblem(name: unknown): string | undefined {
  if (typeof name !== "string") return "it must be text";
  if (name.trim() === "") return "it is empty";
  if (name.length > EPM_MAX_FILE_NAME_LENGTH)
    return `it is ${name.length} characters long, more than ${EPM_MAX_FILE_NAME_LENGTH}`;
  if (CONTROL.test(name)) return "it holds a control character";
  if (LONE_SURROGATE.test(name)) return "it holds a lone UTF-16 surrogate";
  for (const part of name.split(/[/\\]/)) {
    if (part === "") return "it has an empty folder or file part (a leading, trailing or doubled / or \\)";
    if (part === "." || part === "..") return `"." and ".." are not file names`;
    if (part.trim() === "") return "it has a blank folder or file part";
    if (part.length > EPM_MAX_NAME_PART_LENGTH)
      return `a part is ${part.length} characters long, more than ${EPM_MAX_NAME_PART_LENGTH}`;
  }
  return undefined;
}

/**
 * Checks the path of an EPM job (`epm.jobs.submit/run`) before any request: an absolute path
 * under the base URL such as `/interop/rest/v2/reports/groupaudit`, made of plain segments
 * (letters, digits, `.`, `_`, `-`, and percent-escapes), without `.` or `..` segments, empty
 * segments, a query or a fragment (pass query parameters as `query`).
 *
 * @param path - the job's path
 * @returns the path, unchanged
 * @throws {@link ValidationError} naming the bad value; nothing has been sent
 * @example
 * ```ts
 * checkEpmJobPath("/interop/rest/security/v1/usergroupreport") //=> "/interop/rest/security/v1/usergroupreport"
 * checkEpmJobPath("/interop/rest/../x") //=> throws ValidationError
 * ```
 */
export function checkEpmJobPath(path: unknown): string {
  const ok =
    typeof path === "string" &&
    path.length <= EPM_MAX_FILE_NAME_LENGTH &&
    path.startsWith("/") &&
    path
      .slice(1)
      .split("/")
      .every((s) => /^(?:[A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})+$/.test(s) && s !== "." && s !== "..");
  if (!ok) {
    throw new ValidationError(
      `EPM job path ${showName(path)} is not allowed: it must be an absolute API path of plain segments without "." or "..", a query or a fragment, at most ${EPM_MAX_FILE_NAME_LENGTH} characters, e.g. "/interop/rest/v2/reports/groupaudit"; nothing was sent.`,
    );
  }
  return path as string;
}

/**
 * A name shown safely in a message: quoted, control characters and lone surrogates escaped as
 * `\uXXXX`, cut after 80 characters.
 *
 * @param name - any value
 * @returns printable text
 * @example
 * ```ts
 * showName("a\nb") //=> '"a\\u000ab"'
 * ```
 */
export function showName(name: unknown): string {
  if (typeof name !== "string") return `(${name === null ? "null" : typeof name})`;
  const cut = name.length > 80 ? `${name.slice(0, 80)}…` : name;
  const escaped = [...cut]
    .map((ch) =>
      CONTROL.test(ch) || (ch.length === 1 && /[\ud800-\udfff]/.test(ch)) || ch === '"' || ch === "\\"
        ? ch === '"' || ch === "\\"
          ? `\\${ch}`
          : `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`
        : ch,
    )
    .join("");
  return `"${escaped}"${name.length > 80 ? ` (${name.length} characters)` : ""}`;
}
