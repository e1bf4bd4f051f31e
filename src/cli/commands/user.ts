// `paperboard user`: create accounts (the first admin among them) and change roles from the command line.
import { Command, Option } from "commander";
import { isRole, ROLES } from "../../accounts/account.js";
import { ValidationError } from "../../domain/errors.js";
import type { Role } from "../../storage/schema.js";
import { printJson, withServices } from "../context.js";
import { promptHidden } from "../hidden-prompt.js";

/** Where a new user's password may come from, most explicit first; a flag is visible in `ps`, so the environment or the prompt is better. */
async function passwordFrom(flag: string | undefined): Promise<string> {
  if (flag) return flag;
  const env = process.env.PAPERBOARD_USER_PASSWORD;
  if (env) return env;
  if (!process.stdin.isTTY) throw new ValidationError("give a password with --password or PAPERBOARD_USER_PASSWORD (stdin is not a terminal to ask on)");
  const first = await promptHidden("Password: ");
  const again = await promptHidden("Password again: ");
  if (first !== again) throw new ValidationError("the two passwords differ");
  return first;
}

function addCommand(): Command {
  return new Command("add")
    .description("Create an account (use --admin for the hub's first administrator)")
    .argument("<name>", "user name: 2 to 32 characters a-z, 0-9, - and _")
    .requiredOption("--email <email>", "email address")
    .option("--password <password>", "password (visible to other local users in `ps`; prefer PAPERBOARD_USER_PASSWORD or the prompt)")
    .option("--display-name <text>", "display name")
    .addOption(new Option("--admin", "make the account an administrator").conflicts("moderator"))
    .addOption(new Option("--moderator", "make the account a moderator"))
    .option("--json", "print the account as JSON")
    .action(async (name: string, flags: { email: string; password?: string; displayName?: string; admin?: boolean; moderator?: boolean; json?: boolean }, cmd: Command) => {
      const role: Role = flags.admin ? "admin" : flags.moderator ? "moderator" : "user";
      const password = await passwordFrom(flags.password);
      await withServices(cmd, async (s) => {
        const a = await s.accounts.signUp({ name, email: flags.email, password, ...(flags.displayName ? { displayName: flags.displayName } : {}) }, role);
        if (flags.json) printJson({ id: a.id, name: a.name, email: a.email, role: a.role });
        else process.stdout.write(`created ${a.role} ${a.name} <${a.email}>\n`);
      });
    });
}

function setRoleCommand(): Command {
  return new Command("set-role")
    .description(`Change an account's role (${ROLES.join(", ")})`)
    .argument("<name>", "user name")
    .argument("<role>", ROLES.join(" | "))
    .action(async (name: string, role: string, _flags: object, cmd: Command) => {
      if (!isRole(role)) throw new ValidationError(`unknown role ${role} (one of ${ROLES.join(", ")})`);
      await withServices(cmd, async (s) => {
        const a = await s.accounts.setRole(name, role);
        process.stdout.write(`${a.name} is now ${a.role}\n`);
      });
    });
}

export function userCommand(): Command {
  return new Command("user").description("Manage accounts").addCommand(addCommand()).addCommand(setRoleCommand());
}
