import { type Config, ConfigError, loadConfig, loadEnvFile } from '../config.js';
import { createLogger } from '../log.js';
import { prettyDestination } from '../log-pretty.js';
import { StoreIoError, StoreLockedError } from '../store/index.js';
import { startBot } from './bot.js';

// The process around the bot: settings first, so a bad one stops start-up with one clear line
// (exit 2) before anything is opened; then signals: the first SIGTERM/SIGINT stops gracefully
// (exit 0), a second one exits at once.

function settings(): Readonly<Config> {
  try {
    loadEnvFile();
    return loadConfig(process.env);
  } catch (error) {
    const reason = error instanceof ConfigError ? error.message : `.env: ${(error as Error).message}`;
    process.stderr.write(`estimate-bot: invalid configuration: ${reason}\n`);
    process.exit(2);
  }
}

const config = settings();
const pretty = config.logFormat === 'pretty' || (config.logFormat === null && process.stdout.isTTY === true);
const log = createLogger(config.logLevel, pretty ? prettyDestination() : undefined);

try {
  const bot = await startBot(config, log);
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'shutting down');
    bot.stop().then(
      () => process.exit(0),
      (error) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  void bot.failed.then((error) => {
    log.error(
      { error: error.message },
      'estimate-bot cannot go on; exiting for its supervisor to restart it',
    );
    stopping = true;
    bot.stop().finally(() => process.exit(1));
  });
} catch (error) {
  // A setting that only start-up could find wrong (Slack refusing a token, PORT taken).
  if (error instanceof ConfigError) {
    process.stderr.write(`estimate-bot: invalid configuration: ${error.message}\n`);
    process.exit(2);
  }
  // The store is another process's, or DB_PATH puts it where it cannot be written: like a bad
  // setting, it is the operator's to fix, so one line and exit 2.
  if (error instanceof StoreLockedError || error instanceof StoreIoError) {
    const setting = config.databaseUrl ? 'DATABASE_URL' : 'DB_PATH';
    const reason = error instanceof StoreIoError ? `${setting}: ${error.message}` : error.message;
    process.stderr.write(`estimate-bot: ${reason.replace(/\s*\n\s*/g, ' ')}\n`);
    process.exit(2);
  }
  log.fatal({ err: error }, 'start-up failed');
  process.stderr.write(`estimate-bot: could not start: ${(error as Error).message}\n`);
  process.exit(1);
}
