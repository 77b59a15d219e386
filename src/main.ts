import { type Config, ConfigError, loadConfig, loadEnvFile } from './config.js';
import { createLogger } from './log.js';

// Start-up: settings first, so a bad one stops the bot with one clear line (exit 2) before
// anything else is opened.
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
const log = createLogger(config.logLevel);
log.info(
  { hkex: config.hkexBaseUrl, slack: config.slack.botToken ? 'on' : 'terminal' },
  'configuration loaded',
);
