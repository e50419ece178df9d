/**
 * The admin CLI: tenants, users, grants, tokens and releases, against the local database (`wrangler dev`'s)
 * or the deployed one (`--remote`). Run with `npm run admin -- <command>`; `npm run admin -- help` lists them.
 * The commands themselves are worker/tools/admin-commands.ts.
 */
import { adminCommand, usage } from "./tools/admin-commands.ts";
import { execute, LOCAL_STATE } from "./tools/wrangler.ts";

async function main(): Promise<void> {
  const command = await adminCommand(process.argv.slice(2), LOCAL_STATE, new Date().toISOString());
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
