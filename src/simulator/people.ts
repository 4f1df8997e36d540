import { randomHex, seededRandom } from "./random.js";

/** A person of the synthetic organisation, who may have an account in Anaplan, EPM, or both. */
export interface Person {
  /** Stable index in the organisation. */
  index: number;
  firstName: string;
  lastName: string;
  /** Lowercase corporate e-mail, unique. */
  email: string;
  /** 32-char lowercase hex Anaplan user id. */
  anaplanId: string;
  /** Has an Anaplan account. */
  inAnaplan: boolean;
  /** The Anaplan account is active (false: disabled). */
  anaplanActive: boolean;
  /** Has an Oracle EPM account. */
  inEpm: boolean;
  /** The EPM account is active (false: disabled/deactivated). */
  epmActive: boolean;
  /**
   * EPM login: usually the e-mail, sometimes in other letter case or with spaces around it, and for
   * some people a short user name (then only the e-mail column matches the Anaplan account).
   */
  epmLogin: string;
}

const FIRST = [
  "Ada",
  "Ben",
  "Chloe",
  "Dev",
  "Elena",
  "Farid",
  "Grace",
  "Hiro",
  "Ines",
  "Jonas",
  "Keiko",
  "Liam",
  "Maya",
  "Nikolai",
  "Olu",
  "Priya",
  "Quinn",
  "Rosa",
  "Sven",
  "Tara",
  "Umar",
  "Vera",
  "Wen",
  "Ximena",
  "Yusuf",
  "Zoe",
  "Aisha",
  "Bruno",
  "Carmen",
  "Dmitri",
  "Eva",
  "Felix",
];
const LAST = [
  "Okafor",
  "Lindqvist",
  "Moreau",
  "Patel",
  "Nakamura",
  "García",
  "Schmidt",
  "O'Brien",
  "Kowalski",
  "Haddad",
  "Rossi",
  "Nguyen",
  "Fischer",
  "Silva",
  "Dubois",
  "Ivanova",
  "Jensen",
  "Kim",
  "Mensah",
  "Novak",
  "Costa",
  "Weber",
  "Yilmaz",
  "Andersen",
  "Bianchi",
  "Chen",
  "Dlamini",
  "Ferreira",
];

/**
 * The synthetic organisation: `count` people, the same for a given seed. About 80 % have an
 * account in both systems, 12 % only in Anaplan and 8 % only in EPM; a few accounts are
 * disabled in one system and active in the other, so a cross-system review finds real gaps.
 *
 * @param seed - tenant seed
 * @param count - number of people
 * @example
 * ```ts
 * const people = generatePeople(1, 300);
 * people[0].email //=> e.g. "ada.okafor@example.com"
 * ```
 */
export function generatePeople(seed: number, count: number): Person[] {
  const people: Person[] = [];
  const taken = new Set<string>();
  for (let index = 0; index < count; index++) {
    const r = seededRandom(seed, 0x9e0e1e, index);
    const firstName = FIRST[Math.floor(r() * FIRST.length)]!;
    const lastName = LAST[Math.floor(r() * LAST.length)]!;
    const base = `${firstName}.${lastName}`
      .normalize("NFD")
      .replace(/[\u0300-\u036f']/g, "")
      .toLowerCase();
    let email = `${base}@example.com`;
    for (let n = 2; taken.has(email); n++) email = `${base}${n}@example.com`;
    taken.add(email);
    const system = r();
    const inAnaplan = system < 0.92;
    const inEpm = system < 0.8 || system >= 0.92;
    const anaplanActive = r() >= 0.06;
    const epmActive = r() >= 0.06;
    const style = r();
    const epmLogin =
      style < 0.7
        ? email
        : style < 0.85
          ? email.replace(/^./, (c) => c.toUpperCase())
          : email.split("@")[0]!.replace(".", "");
    people.push({
      index,
      firstName,
      lastName,
      email,
      anaplanId: randomHex(r, 32),
      inAnaplan,
      anaplanActive,
      inEpm,
      epmActive,
      epmLogin,
    });
  }
  return people;
}
