import { parseArgs } from "node:util";
import { z } from "zod";
import { Role } from "../../shared/api/access.ts";
import { InvitationDays, INVITATION_MAX_DAYS, TOKEN_DAYS } from "../../shared/api/invitations.ts";
import { ReleaseYear } from "../../shared/api/releases.ts";
import { TypedTerritoryCode } from "../../shared/model/territory.ts";
import { NonBlankText } from "../../shared/model/text.ts";
import { issueInvitation } from "../src/db/invitations.ts";
import { publishStatements } from "../src/db/releases.ts";
import { issueToken, tenancy, type Statement } from "../src/db/tenancy.ts";
import type { Target } from "./wrangler.ts";

/**
 * The admin CLI's commands as data: the arguments parsed and validated, the statements to run and what
 * to print. worker/admin.ts runs them through wrangler; the tests read them without a database.
 */

export const usage = (localState: string) => `npm run admin -- [--remote | --persist-to DIR] <command>   (help, --help: this text)

  association create --name NAME                          prints the new association's id
  community create --name NAME [--code CODE] [--association ID]...
                                                          prints the new community's id
  community code --community ID --code CODE | --clear     sets or clears the community's official code:
                                                          KATOTTH for Ukraine ("UA" + 17 digits, a hromada,
                                                          such as UA05020030000063857), ISO 3166-2:LT for
                                                          Lithuania (LT-01..LT-60). One community per code
  membership add --association ID --community ID
  user create --name NAME                                 prints the new user's id
  grant add --user ID --role admin                        global
  grant add --user ID --role editor|monitor --community ID
  grant add --user ID --role analyst --association ID
  token create --user ID [--days 90] [--label TEXT]       prints the token: it is shown only this once
  token revoke --token-id ID
  invite create --user ID [--days 7]                      prints a single-use invitation code (at most 7 days):
                                                          the user enters it in the pane instead of a token;
                                                          the user's older unused codes stop working. With
                                                          --remote, set INVITATION_KEY to the production secret
  release publish --association ID --year YEAR --user ID  publishes the year for the members (as the user)

Names and labels are data, kept exactly as given: nothing is trimmed (a leading space or tab stays), and
only text that is not valid Unicode or is blank is refused. A name starting with "-" must be written
with "=", as in --name=-X (a separate "-X" would read as an option).

Without --remote it writes the local database of \`npm start\` / \`wrangler dev\` (${localState}).`;

/** A name or label: kept exactly (never trimmed), valid Unicode, not blank. */
export const Name = NonBlankText.max(200, { message: "at most 200 characters" });

export type AdminCommand = { usage: true; known: boolean } | { target: Target; statements: Statement[]; output: string | null };

/** An option, validated; a bad one stops the CLI with the option named. */
function option<T>(name: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`--${name}: ${value === undefined ? "required" : parsed.error.issues[0]!.message}`);
  return parsed.data;
}

/**
 * `invitationKey`: the Worker's `INVITATION_KEY` for the target database, under which `invite create`
 * stores its code (worker/admin.ts reads it).
 */
export async function adminCommand(
  argv: string[],
  localState: string,
  at: string,
  invitationKey: (target: Target) => Promise<string>,
): Promise<AdminCommand> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      remote: { type: "boolean", default: false },
      "persist-to": { type: "string", default: localState },
      name: { type: "string" },
      association: { type: "string", multiple: true },
      community: { type: "string" },
      user: { type: "string" },
      role: { type: "string" },
      // No default here: a token's and an invitation's differ.
      days: { type: "string" },
      label: { type: "string", default: "admin-cli" },
      "token-id": { type: "string" },
      year: { type: "string" },
      code: { type: "string" },
      clear: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return { usage: true, known: true };
  const target: Target = values.remote ? { remote: true } : { remote: false, persistTo: values["persist-to"]! };
  const id = (name: "user" | "community" | "token-id") => option(name, z.uuid(), values[name]);
  const associations = () => option("association", z.array(z.uuid()), values.association ?? []);
  const oneAssociation = () => {
    const [only, ...rest] = associations();
    if (!only || rest.length) throw new Error("--association: give exactly one");
    return only;
  };
  const grant = (userId: string): Statement => {
    const role = option("role", Role, values.role);
    switch (role) {
      case "admin":
        return tenancy.grant(userId, role, null);
      case "editor":
      case "monitor":
        return tenancy.grant(userId, role, id("community"));
      case "analyst":
        return tenancy.grant(userId, role, oneAssociation());
    }
  };
  const run = (statements: Statement[], output: string | null = null) => ({ target, statements, output });

  switch (positionals.join(" ")) {
    case "association create": {
      const newId = crypto.randomUUID();
      return run([tenancy.association(newId, option("name", Name, values.name), at)], newId);
    }
    case "community create": {
      const newId = crypto.randomUUID();
      const name = option("name", Name, values.name);
      const code = values.code === undefined ? [] : [tenancy.territoryCode(newId, option("code", TypedTerritoryCode, values.code))];
      return run([tenancy.community(newId, name, at), ...code, ...associations().map((a) => tenancy.membership(a, newId))], newId);
    }
    case "community code": {
      if (values.clear === (values.code !== undefined)) throw new Error("--code CODE or --clear: give exactly one");
      const code = values.clear ? null : option("code", TypedTerritoryCode, values.code);
      return run([tenancy.territoryCode(id("community"), code)]);
    }
    case "membership add":
      return run([tenancy.membership(oneAssociation(), id("community"))]);
    case "user create": {
      const newId = crypto.randomUUID();
      return run([tenancy.user(newId, option("name", Name, values.name), at)], newId);
    }
    case "grant add":
      return run([grant(id("user"))]);
    case "token create": {
      const days = option("days", z.coerce.number().int().min(1).max(3650), values.days ?? TOKEN_DAYS);
      const expiresAt = new Date(Date.parse(at) + days * 86_400_000).toISOString();
      const label = option("label", Name, values.label);
      const issued = await issueToken({ userId: id("user"), label, expiresAt, at });
      return run([issued.statement], `token id ${issued.tokenId}, expires ${expiresAt}\n${issued.token}`);
    }
    case "invite create": {
      const days = option("days", InvitationDays, values.days ?? INVITATION_MAX_DAYS);
      const userId = id("user");
      const issued = await issueInvitation({ key: await invitationKey(target), userId, createdBy: null, associationId: null, days, at });
      return run(issued.statements, `invitation id ${issued.invitationId}, expires ${issued.expiresAt}\n${issued.code}`);
    }
    case "token revoke":
      return run([tenancy.revokeToken(id("token-id"), at)]);
    case "release publish":
      return run(publishStatements(oneAssociation(), option("year", ReleaseYear, values.year), { userId: id("user"), at }));
    case "help":
      return { usage: true, known: true };
    default:
      return { usage: true, known: false };
  }
}
