import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

// The command line as a user runs it (`npm run -s cli -- ARGS`), from the TypeScript sources:
// its exit code and output. `env`: the whole environment, so no .env or token leaks in.

const run = promisify(execFile);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: readonly string[], env?: NodeJS.ProcessEnv): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      ...(env && { env }),
      maxBuffer: 1 << 26,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as CliResult;
    return { code, stdout, stderr };
  }
}
