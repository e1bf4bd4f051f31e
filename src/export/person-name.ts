// Author names as citation formats need them: family, given, particle and suffix, or a literal (a team, a mononym).
//
// The store keeps each author as one display string ("Ludwig van Beethoven",
// or "Müller, Jörg" from a file written family-first). The split follows
// BibTeX's own rules, so BibTeX, RIS, CSL-JSON and the Kaggle lines agree:
// "Family, Given" and "Family, Suffix, Given" when there are commas;
// otherwise the lower-case words before the last word are the particle
// ("van", "de la") and the last word with any capitalised words after the
// particle is the family name.

export type PersonName =
  | { kind: "person"; family: string; given: string; particle: string; suffix: string }
  | { kind: "literal"; literal: string };

const SUFFIX = /^(jr|sr|[ivx]{1,4}|[2-9](st|nd|rd|th))\.?$/i;
/** Words that make a name an organisation rather than a person. */
const GROUP = /\b(team|collaboration|consortium|group|lab|laborator(y|ies)|institute|university|project|committee|inc|ltd|corporation|authors|contributors|research)\b/i;

export function parsePersonName(raw: string): PersonName {
  const name = raw.replace(/\s+/g, " ").trim();
  if (name === "" || /\sand\s|&/i.test(name) || GROUP.test(name)) return { kind: "literal", literal: name };
  const parts = name.split(",").map((p) => p.trim());
  if (parts.length === 2 && parts[0] && parts[1]) {
    return SUFFIX.test(parts[1]) ? person(splitParticle(parts[0].split(" ")), "", parts[1]) : person(splitParticle(parts[0].split(" ")), parts[1], "");
  }
  if (parts.length === 3 && parts[0] && parts[1] && parts[2] && SUFFIX.test(parts[1])) return person(splitParticle(parts[0].split(" ")), parts[2], parts[1]);
  if (parts.length > 1) return { kind: "literal", literal: name };

  const words = name.split(" ");
  const suffix = words.length > 2 && SUFFIX.test(words.at(-1)!) ? words.pop()! : "";
  // One word (a mononym, a handle) has no family/given split.
  if (words.length < 2) return { kind: "literal", literal: name };
  // The given names run up to the first lower-case word that is neither first nor last (BibTeX's "First von Last").
  let von = words.findIndex((w, i) => i > 0 && i < words.length - 1 && isLower(w));
  if (von < 0) von = words.length - 1;
  const given = words.slice(0, von).join(" ");
  const rest = splitParticle(words.slice(von));
  return person(rest, given, suffix);
}

/** "de la Fontaine" → particle "de la", family "Fontaine"; the last word is always family. */
function splitParticle(words: string[]): { particle: string; family: string } {
  let last = -1;
  for (let i = 0; i < words.length - 1; i++) if (isLower(words[i]!)) last = i;
  return { particle: words.slice(0, last + 1).join(" "), family: words.slice(last + 1).join(" ") };
}

function person(p: { particle: string; family: string }, given: string, suffix: string): PersonName {
  return { kind: "person", family: p.family, given, particle: p.particle, suffix };
}

/** Starts with a lower-case letter (BibTeX's test for a particle). */
function isLower(word: string): boolean {
  const first = word.match(/\p{L}/u)?.[0];
  return first !== undefined && first === first.toLowerCase() && first !== first.toUpperCase();
}

/** "van Beethoven" */
export function familyWithParticle(n: Extract<PersonName, { kind: "person" }>): string {
  return n.particle ? `${n.particle} ${n.family}` : n.family;
}
