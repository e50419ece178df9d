/**
 * The admin CLI: tenants, users, grants and tokens, against the local database (`wrangler dev`'s) or
 * the deployed one (`--remote`). Run with `npm run admin -- <command>`; `npm run admin -- help` lists them.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { Role } from "../shared/api/access.ts";
import { issueToken, tenancy, type Statement } from "./src/db/tenancy.ts";
import { execute, LOCAL_STATE, type Target } from "./tools/wrangler.ts";

const USAGE = `npm run admin -- [--remote | --persist-to DIR] <command>

  association create --name NAME                          prints the new association's id
  community create --name NAME [--association ID]...      prints the new community's id
  membership add --association ID --community ID
  user create --name NAME                                 prints the new user's id
  grant add --user ID --role admin                        global
  grant add --user ID --role editor|monitor --community ID
  grant add --user ID --role analyst --association ID
  token create --user ID [--days 90] [--label TEXT]       prints the token: it is shown only this once
  token revoke --token-id ID

Without --remote it writes the local database of \`npm start\` / \`wrangler dev\` (${LOCAL_STATE}).`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    remote: { type: "boolean", default: false },
    "persist-to": { type: "string", default: LOCAL_STATE },
    name: { type: "string" },
    association: { type: "string", multiple: true },
    community: { type: "string" },
    user: { type: "string" },
    role: { type: "string" },
    days: { type: "string", default: "90" },
    label: { type: "string", default: "admin-cli" },
    "token-id": { type: "string" },
  },
});

/** An option, validated; a bad one stops the CLI with the option named. */
function option<T>(name: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`--${name}: ${value === undefined ? "required" : parsed.error.issues[0]!.message}`);
  return parsed.data;
}
const Name = z.string().trim().min(1).max(200);
const id = (name: "user" | "community" | "token-id") => option(name, z.uuid(), values[name]);
const associations = () => option("association", z.array(z.uuid()), values.association ?? []);
const oneAssociation = () => {
  const [only, ...rest] = associations();
  if (!only || rest.length) throw new Error("--association: give exactly one");
  return only;
};

function grant(userId: string): Statement {
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
}

async function main(): Promise<void> {
  const target: Target = values.remote ? { remote: true } : { remote: false, persistTo: values["persist-to"]! };
  const at = new Date().toISOString();
  const command = positionals.join(" ");
  switch (command) {
    case "association create": {
      const newId = crypto.randomUUID();
      execute(target, [tenancy.association(newId, option("name", Name, values.name), at)]);
      console.log(newId);
      return;
    }
    case "community create": {
      const newId = crypto.randomUUID();
      const name = option("name", Name, values.name);
      execute(target, [tenancy.community(newId, name, at), ...associations().map((a) => tenancy.membership(a, newId))]);
      console.log(newId);
      return;
    }
    case "membership add":
      execute(target, [tenancy.membership(oneAssociation(), id("community"))]);
      return;
    case "user create": {
      const newId = crypto.randomUUID();
      execute(target, [tenancy.user(newId, option("name", Name, values.name), at)]);
      console.log(newId);
      return;
    }
    case "grant add":
      execute(target, [grant(id("user"))]);
      return;
    case "token create": {
      const days = option("days", z.coerce.number().int().min(1).max(3650), values.days);
      const expiresAt = new Date(Date.now() + days * 86_400_000).toISOString();
      const label = option("label", Name, values.label);
      const issued = await issueToken({ userId: id("user"), label, expiresAt, at });
      execute(target, [issued.statement]);
      console.log(`token id ${issued.tokenId}, expires ${expiresAt}\n${issued.token}`);
      return;
    }
    case "token revoke":
      execute(target, [tenancy.revokeToken(id("token-id"), at)]);
      return;
    default:
      console.log(USAGE);
      if (command !== "help") process.exitCode = 2;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
