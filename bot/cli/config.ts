import { ConfigError, environmentWithDotenv, loadConfig, type AppConfig } from '../config';
import type { CommandIO } from './command';

/** The configuration for a command, or undefined after printing the one-line reason it is wrong. */
export function readConfig(io: CommandIO): AppConfig | undefined {
  try {
    return loadConfig(environmentWithDotenv(io.env));
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(err.message);
      return undefined;
    }
    throw err;
  }
}
