// Command-line entry: `npm run -s cli -- parse FILE...` or `reports`. Wires the real file system,
// the PDF extractor, the parser and the configured store into the commands, and maps misuse to
// exit code 2.

import { availableParallelism } from 'node:os';
import { fromToArgs, parseExportArgs } from './cli/from-to-args.js';
import { parseFiles } from './cli/parse-command.js';
import { readAnnouncement } from './cli/read-announcement.js';
import { printReports } from './cli/reports-command.js';
import { type Config, ConfigError, loadConfig, loadEnvFile } from './config.js';
import { errorMessage } from './errors.js';
import { estimatesCsv, exportedEstimates } from './export/estimates-csv.js';
import { createLogger } from './log.js';
import { parseAnnouncement } from './parse/index.js';
import { createPdfExtractor } from './pdf/extract.js';
import { readStoreData } from './store/index.js';
import { createStore } from './store/store.js';

const USAGE = `Usage: estimate-bot <command>

Commands:
  parse FILE...  print each announcement (.pdf, or .txt as UTF-8) as one line of JSON:
                 {"file": FILE, ...Estimate}. Unreadable files are reported on stderr;
                 the exit code is 1 if any file failed.
  reports        print every figure report users made in Slack as one line of JSON each,
                 from the store at DB_PATH (default ./data/estimate-bot.json), or in
                 DATABASE_URL when set
  export --from YYYY-MM-DD --to YYYY-MM-DD
                 print the estimates filed on those days (Hong Kong dates) as CSV, one row
                 per figure, from the store at DB_PATH or in DATABASE_URL
  migrate-store --from FILE --to POSTGRES_URL
                 copy a store file (and its segments) into an empty PostgreSQL database,
                 for DATABASE_URL; the file is read, never changed
  help           show this help
`;

async function main(args: readonly string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command === 'parse' && rest.length > 0) return parse(rest);
  if (command === 'reports' && rest.length === 0) return reports();
  if (command === 'export') return exportCsv(rest);
  if (command === 'migrate-store') return migrateStore(rest);
  const problem =
    command === undefined || command === 'parse' ? 'no files given' : `unknown command '${command}'`;
  process.stderr.write(`estimate-bot: ${problem}\n${USAGE}`);
  return 2;
}

/** Where the configured store is, or null (said on stderr) when the configuration is invalid. */
function storeSettings(): Pick<Config, 'dbPath' | 'databaseUrl'> | null {
  loadEnvFile();
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`estimate-bot: invalid configuration: ${error.message}\n`);
    return null;
  }
}

async function exportCsv(args: readonly string[]): Promise<number> {
  const range = parseExportArgs(args);
  if (!range) {
    process.stderr.write(
      `estimate-bot: export needs --from and --to dates (YYYY-MM-DD, from <= to)\n${USAGE}`,
    );
    return 2;
  }
  const settings = storeSettings();
  if (settings === null) return 2;
  try {
    const store = createStore(await readConfiguredData(settings));
    process.stdout.write(estimatesCsv(exportedEstimates(store, range.from, range.to)));
    return 0;
  } catch (error) {
    process.stderr.write(`estimate-bot: ${errorMessage(error)}\n`);
    return 1;
  }
}

async function migrateStore(args: readonly string[]): Promise<number> {
  const { from, to } = fromToArgs(args) ?? {};
  if (!from || !to || !/^postgres(?:ql)?:\/\//.test(to)) {
    process.stderr.write(`estimate-bot: migrate-store needs --from FILE and --to postgres://…\n${USAGE}`);
    return 2;
  }
  const log = createLogger('error');
  try {
    const data = await readStoreData(from, log);
    const { copyIntoPostgres, redacted } = await import('./store/postgres.js');
    const rows = await copyIntoPostgres(data, to, log);
    process.stdout.write(
      `copied ${rows} filings and the watchlists, filters and reports into ${redacted(to)}\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(`estimate-bot: ${errorMessage(error)}\n`);
    return 1;
  }
}

/** The store's data: read from the file (never opened for writing) or from the database. */
async function readConfiguredData({ dbPath, databaseUrl }: Pick<Config, 'dbPath' | 'databaseUrl'>) {
  const log = createLogger('error');
  if (!databaseUrl) return readStoreData(dbPath, log);
  const { readPostgresData } = await import('./store/postgres.js');
  return readPostgresData(databaseUrl, log);
}

async function reports(): Promise<number> {
  const settings = storeSettings();
  if (settings === null) return 2;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const err = (line: string) => process.stderr.write(`${line}\n`);
  if (!settings.databaseUrl) return printReports(settings.dbPath, { out, err });
  try {
    for (const report of (await readConfiguredData(settings)).reports) out(JSON.stringify(report));
    return 0;
  } catch (error) {
    err(`estimate-bot: ${errorMessage(error)}`);
    return 1;
  }
}

async function parse(files: readonly string[]): Promise<number> {
  // Measured on the fixture PDFs: reading is CPU-bound in pdf.js, so one reader process per core,
  // and twice as many files in flight so that the readers never wait for the disk or the parser.
  const threads = Math.min(availableParallelism(), 4);
  const pdf = createPdfExtractor({ threads });
  try {
    return await parseFiles(files, {
      read: (path) => readAnnouncement(path, pdf),
      parse: parseAnnouncement,
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
      concurrency: threads * 2,
    });
  } finally {
    await pdf.close();
  }
}

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
