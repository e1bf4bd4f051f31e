import { describe, expect, it } from "vitest";
import { latexToUnicode } from "./latex-text.js";

describe("latexToUnicode", () => {
  it.each([
    [String.raw`Bal\'azs`, "Balázs"],
    [String.raw`Bal\'{a}zs`, "Balázs"],
    [String.raw`Bal{\'a}zs`, "Balázs"],
    [String.raw`Andr\`e`, "Andrè"],
    [String.raw`Cr\^ete`, "Crête"],
    [String.raw`M\"uller`, "Müller"],
    [String.raw`M{\"u}ller`, "Müller"],
    [String.raw`Pe\~na`, "Peña"],
    [String.raw`Fran\c{c}ois`, "François"],
    [String.raw`Fran\c cois`, "François"],
    [String.raw`\v{S}koda`, "Škoda"],
    [String.raw`Erd\H{o}s`, "Erdős"],
    [String.raw`Mart\'{\i}nez`, "Martínez"],
    [String.raw`Mart\'\i nez`, "Martínez"],
    [String.raw`J{\o}rgensen`, "Jørgensen"],
    [String.raw`Bj\o rn`, "Bjørn"],
    [String.raw`Stra{\ss}e`, "Straße"],
    [String.raw`Stra\ss{}e`, "Straße"],
    [String.raw`{\AA}ngstr\"om`, "Ångström"],
    [String.raw`\L ukasz Wr\'oblewski`, "Łukasz Wróblewski"],
    [String.raw`Ume{\aa}`, "Umeå"],
    [String.raw`Wa{\l}\k{e}sa`, "Wałęsa"],
    [String.raw`Johnson \& Johnson`, "Johnson & Johnson"],
  ])("%s -> %s", (input, expected) => {
    expect(latexToUnicode(input)).toBe(expected);
  });

  it("leaves math and unknown commands alone", () => {
    const math = String.raw`$\alpha$-stable laws and \textbf{bold} claims in $O(\log n)$`;
    expect(latexToUnicode(math)).toBe(math);
    expect(latexToUnicode(String.raw`\vec{v} and \overline{x}`)).toBe(String.raw`\vec{v} and \overline{x}`);
  });

  it("returns text without backslashes unchanged", () => {
    expect(latexToUnicode("Plain {Text} – ünïcode")).toBe("Plain {Text} – ünïcode");
  });
});
