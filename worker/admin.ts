/**
 * The admin CLI: tenants, users, grants, tokens and releases, against the local database (`wrangler dev`'s)
 * or the deployed one (`--remote`). Run with `npm run admin -- <command>`; `npm run admin -- help` lists them.
 * The commands themselves are worker/tools/admin-commands.ts.
 */
import { adminCommand, usage } from "./tools/admin-commands.ts";
import { execute, LOCAL_STATE, localVar, type Target } from "./tools/wrangler.ts";

/**
 * The key the Worker stores invitation codes under: `INVITATION_KEY` from the environment, which the
 * deployed database needs (the value given to `wrangler secret put`); otherwise the local development
 * value of wrangler.jsonc, which `wrangler dev` uses too.
 */
async function invitationKey(target: Target): Promise<string> {
  const key = process.env.INVITATION_KEY ?? (target.remote ? undefined : await localVar("INVITATION_KEY"));
  if (!key)
    throw new Error("INVITATION_KEY: set it to the deployed Worker's secret (the value given to `wrangler secret put INVITATION_KEY`)");
  return key;
}

async function main(): Promise<void> {
  const command = await adminCommand(process.argv.slice(2), LOCAL_STATE, new Date().toISOString(), invitationKey);
  if ("usage" in command) {
    console.log(usage(LOCAL_STATE));
    if (!command.known) process.exitCode = 2;
    return;
  }
  execute(command.target, command.statements);
  if (command.output !== null) console.log(command.output);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
