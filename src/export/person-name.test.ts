import { describe, expect, it } from "vitest";
import { parsePersonName } from "./person-name.js";

const person = (family: string, given: string, particle = "", suffix = "") => ({ kind: "person", family, given, particle, suffix });

describe("parsePersonName", () => {
  it.each([
    ["Ada Lovelace", person("Lovelace", "Ada")],
    ["Alan M. Turing", person("Turing", "Alan M.")],
    ["Müller, Jörg", person("Müller", "Jörg")],
    ["Patrick O'Brien", person("O'Brien", "Patrick")],
    ["Ludwig van Beethoven", person("Beethoven", "Ludwig", "van")],
    ["Jean de la Fontaine", person("Fontaine", "Jean", "de la")],
    ["Charles Louis de la Vallée Poussin", person("Vallée Poussin", "Charles Louis", "de la")],
    ["van Beethoven, Ludwig", person("Beethoven", "Ludwig", "van")],
    ["Martin Luther King Jr.", person("King", "Martin Luther", "", "Jr.")],
    ["King, Jr., Martin Luther", person("King", "Martin Luther", "", "Jr.")],
    ["Henry Ford III", person("Ford", "Henry", "", "III")],
    ["  José   Núñez ", person("Núñez", "José")],
  ])("%s", (raw, expected) => {
    expect(parsePersonName(raw)).toEqual(expected);
  });

  it.each(["OpenAI Team", "The ATLAS Collaboration", "Search and Rescue Team", "Qwen", "Google Research", "a, b, c, d"])("%s is kept whole", (raw) => {
    expect(parsePersonName(raw)).toEqual({ kind: "literal", literal: raw });
  });
});
