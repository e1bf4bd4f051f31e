// `paperboard user add` and `user set-role` as a real process: the first admin, password sources, and exit codes.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AccountsService } from "../accounts/accounts-service.js";
import { openStore } from "../storage/open-store.js";
import { EXIT } from "./exit-codes.js";
import { runCli } from "./test-support/run-cli.js";

const work = mkdtempSync(join(tmpdir(), "pb-user-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function signIn(data: string, login: string, password: string) {
  const store = await openStore({ dataDir: data });
  try {
    return await AccountsService.over(store.db).signIn(login, password);
  } finally {
    await store.close();
  }
}

describe("paperboard user", () => {
  it("creates the first admin, who can then sign in; a taken name exits with a usage error", async () => {
    const data = join(work, "a");
    const r = await runCli(["user", "add", "Ada", "--email", "ada@example.org", "--password", "analytical-engine", "--admin", "--data", data]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(EXIT.OK);
    expect(r.stdout).toBe("created admin ada <ada@example.org>\n");
    expect(await signIn(data, "ada", "analytical-engine")).toMatchObject({ name: "ada", role: "admin" });

    const again = await runCli(["user", "add", "ada", "--email", "other@example.org", "--password", "analytical-engine", "--data", data]);
    expect(again.code).toBe(EXIT.USAGE);
    expect(again.stderr).toContain("This user name is taken");
  });

  it("takes the password from PAPERBOARD_USER_PASSWORD, and refuses to guess one without a terminal", async () => {
    const data = join(work, "b");
    const r = await runCli(["user", "add", "grace", "--email", "grace@example.org", "--moderator", "--json", "--data", data], {
      env: { PAPERBOARD_USER_PASSWORD: "compiler-pioneer" },
    });
    expect(r.code).toBe(EXIT.OK);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: "grace", email: "grace@example.org", role: "moderator" });
    expect((await signIn(data, "grace@example.org", "compiler-pioneer")).role).toBe("moderator");

    const none = await runCli(["user", "add", "alan", "--email", "alan@example.org", "--data", data]);
    expect(none.code).toBe(EXIT.USAGE);
    expect(none.stderr).toContain("PAPERBOARD_USER_PASSWORD");
    const short = await runCli(["user", "add", "alan", "--email", "alan@example.org", "--password", "short", "--data", data]);
    expect(short.code).toBe(EXIT.USAGE);
    expect(short.stderr).toContain("at least 8 characters");
    const both = await runCli(["user", "add", "alan", "--email", "alan@example.org", "--password", "long-enough", "--admin", "--moderator", "--data", data]);
    expect(both.code).toBe(EXIT.USAGE);
  });

  it("changes a role by name; an unknown user or role is a usage error", async () => {
    const data = join(work, "c");
    expect((await runCli(["user", "add", "ada", "--email", "ada@example.org", "--password", "analytical-engine", "--data", data])).code).toBe(EXIT.OK);
    const r = await runCli(["user", "set-role", "ADA", "moderator", "--data", data]);
    expect(r.code).toBe(EXIT.OK);
    expect(r.stdout).toBe("ada is now moderator\n");
    expect((await signIn(data, "ada", "analytical-engine")).role).toBe("moderator");
    const nobody = await runCli(["user", "set-role", "nobody", "admin", "--data", data]);
    expect(nobody.code).toBe(EXIT.USAGE);
    expect(nobody.stderr).toContain("No user named nobody");
    const badRole = await runCli(["user", "set-role", "ada", "overlord", "--data", data]);
    expect(badRole.code).toBe(EXIT.USAGE);
    expect(badRole.stderr).toContain("unknown role overlord");
  });
});
