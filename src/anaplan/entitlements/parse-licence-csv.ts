import { PayloadError } from "../../errors/payload-error.js";

/** One user of the Anaplan user export. */
export interface ExportedUser {
  /** Lower-cased login e-mail. */
  email: string;
  firstName: string;
  lastName: string;
  /** Licence names, in the order given. */
  licences: string[];
}

const HEADER = ["username", "first_name", "last_name", "licenses"];

/**
 * Parses one page of `GET /admin/1/0/users/export` (RFC 4180 CSV: `username,first_name,
 * last_name,licenses`, several licences comma-separated inside one quoted cell). The header row
 * is optional (whether later pages repeat it is not documented).
 *
 * @param text - the CSV text
 * @returns the users of the page
 * @throws {@link PayloadError} for a row without four cells, an unknown header, or an open quote
 * @example
 * ```ts
 * parseLicenceCsv('username,first_name,last_name,licenses\njane@x.com,Jane,Doe,"A,B"\n')
 * //=> [{ email: "jane@x.com", firstName: "Jane", lastName: "Doe", licences: ["A", "B"] }]
 * ```
 */
export function parseLicenceCsv(text: string): ExportedUser[] {
  const rows = csvRows(text.replace(/^\ufeff/, ""));
  if (rows.length > 0 && rows[0]![0]?.trim().toLowerCase() === "username") {
    const header = rows.shift()!.map((h) => h.trim().toLowerCase());
    if (header.join(",") !== HEADER.join(",")) {
      throw new PayloadError(
        `Anaplan user export: unexpected header "${header.join(",")}"; expected "${HEADER.join(",")}".`,
      );
    }
  }
  return rows.map((cells, i) => {
    if (cells.length !== 4) {
      throw new PayloadError(`Anaplan user export: row ${i + 1} has ${cells.length} cells, not 4.`);
    }
    const [email, firstName, lastName, licences] = cells as [string, string, string, string];
    return {
      email: email.trim().toLowerCase(),
      firstName,
      lastName,
      licences: licences
        .split(",")
        .map((l) => l.trim())
        .filter((l) => l !== ""),
    };
  });
}

/** Splits RFC 4180 CSV into rows of cells; blank lines are skipped. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let any = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
      continue;
    }
    if (c === '"') {
      quoted = true;
      any = true;
    } else if (c === ",") {
      row.push(cell);
      cell = "";
      any = true;
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      if (any || cell !== "") rows.push([...row, cell]);
      row = [];
      cell = "";
      any = false;
    } else {
      cell += c;
      any = true;
    }
  }
  if (quoted) throw new PayloadError("Anaplan user export: the CSV ends inside a quoted cell.");
  if (any || cell !== "") rows.push([...row, cell]);
  return rows;
}
