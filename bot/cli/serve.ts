import { ConfigError, environmentWithDotenv, loadConfig } from '../config';
import { startServer } from '../server';
import { wantsHelp, type Command } from './command';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the bot server (Teams /api/messages, built-in Direct Line, web chat at /)',
  usage: 'serve            configuration from the environment and .env; see the README table',
  async run(argv, io) {
    if (wantsHelp(argv)) {
      io.out(`usage: ${this.usage}`);
      return 0;
    }
    let config;
    try {
      config = loadConfig(environmentWithDotenv(io.env));
    } catch (err) {
      if (err instanceof ConfigError) {
        io.err(err.message);
        return 2;
      }
      throw err;
    }
    const running = await startServer(config);
    io.out(`Support bot ready: open ${config.publicBaseUrl ?? `http://localhost:${running.port}`}/ to chat (Ctrl+C to stop)`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await running.close();
    return 0;
  },
};
