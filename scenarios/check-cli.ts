import { checkCli } from './cli/check-command.ts';

/** Entry of `npm run check` (see scenarios/cli/check-command.ts). */
process.exitCode = checkCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
});
