// The `obp` command tree (commander). `run` returns the exit code instead of exiting, so tests can drive it.
import { readFileSync } from 'node:fs'
import { Command, CommanderError, Option } from 'commander'
import * as c from './commands.js'
import { CliError, EXIT } from './errors.js'

export async function run (argv: string[], io: c.Io = defaultIo()): Promise<number> {
  const program = new Command('obp')
    .description('Open Badges platform: award, batch, revoke and verify from the command line')
    .option('--issuer-url <url>', 'issuer service (env OBP_ISSUER_URL; default http://localhost:3001)')
    .option('--verifier-url <url>', 'verifier service (env OBP_VERIFIER_URL; default http://localhost:3002)')
    .option('--revocation-url <url>', 'revocation service (env OBP_REVOCATION_URL; default http://localhost:3003)')
    .option('--api-key <key>', 'the issuer\'s API key (env OBP_API_KEY)')
    .option('--issuer <id>', 'the issuer id (env OBP_ISSUER_ID)')
    .option('--json', 'print JSON for machines')
    .exitOverride()
    .configureOutput({ writeOut: s => io.stdout.write(s), writeErr: s => io.stderr.write(s) })
  let code: number = EXIT.ok
  const flags = (cmd: Command) => cmd.optsWithGlobals()
  const act = (fn: (...a: any[]) => Promise<number>) => async (...args: any[]) => { code = await fn(...args) }

  program.command('login').description('check and save the platform URLs, API key and issuer (mode 0600)')
    .action(act(async (_o, cmd: Command) => c.login(flags(cmd), io)))
  program.command('achievements').description('the issuer\'s achievements').command('list').description('list them')
    .action(act(async (_o, cmd: Command) => c.achievementsList(flags(cmd), io)))
  program.command('award').description('award one badge')
    .requiredOption('--achievement <id>', 'achievement id (or its full URL)')
    .option('--email <email>').option('--did <did>').option('--sourced-id <id>')
    .option('--name <name>', 'the recipient\'s name').option('--valid-until <date>')
    .option('--idempotency-key <key>', 'repeat safely: the same key answers the same credential')
    .option('--no-notify', 'do not email the learner')
    .action(act(async (_o, cmd: Command) => c.award(flags(cmd) as c.AwardFlags, io)))
  const batch = program.command('batch').description('batches of awards from a CSV file')
  batch.command('upload <file>').description('upload a CSV (use - for stdin) and watch it to the end')
    .option('--dry-run', 'validate every row, issue nothing')
    .option('--achievement <id>', 'the achievement of rows that name none')
    .option('--webhook <url>', 'POSTed when the batch completes')
    .option('--allow-partial', 'issue the valid rows even when some are invalid')
    .option('--no-watch', 'return once the batch is accepted')
    .action(act(async (file: string, _o, cmd: Command) => c.batchUpload(file, flags(cmd), io)))
  batch.command('watch [batchId]').description('watch a batch (default: the last one uploaded from here)')
    .action(act(async (id: string | undefined, _o, cmd: Command) => c.batchWatch(id, flags(cmd), io)))
  batch.command('results <batchId>').description('every row\'s outcome')
    .option('--csv', 'as CSV').option('--failed', 'only the failed rows (to fix and upload again)')
    .action(act(async (id: string, _o, cmd: Command) => c.batchResults(id, flags(cmd), io)))
  program.command('revoke <credentialId>').description('revoke a credential (or --restore it)')
    .option('--reason <text>', 'why, for the audit trail').addOption(new Option('--restore', 'clear the revocation'))
    .action(act(async (id: string, _o, cmd: Command) => c.revoke(id, flags(cmd), io)))
  program.command('verify <file>').description('verify a credential: JSON, JWT, baked PNG or SVG, a URL, or - for stdin (no login needed)')
    .action(act(async (file: string, _o, cmd: Command) => c.verify(file, flags(cmd), io)))

  try {
    await program.parseAsync(argv, { from: 'user' })
    return code
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage
    if (err instanceof CliError) {
      io.stderr.write(`obp: ${err.message}\n`)
      if (program.opts().json) io.stdout.write(JSON.stringify({ error: err.message, exitCode: err.exitCode, problem: err.problem }, null, 2) + '\n')
      return err.exitCode
    }
    io.stderr.write(`obp: ${(err as Error).message}\n`)
    return EXIT.unavailable
  }
}

function defaultIo (): c.Io {
  return { stdout: process.stdout, stderr: process.stderr, isTty: !!process.stderr.isTTY, readStdin: () => readFileSync(0) }
}
