import { wantsHelp, type Command } from './command';
import { readConfig } from './config';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the bot server (Teams /api/messages, built-in Direct Line, web chat at /)',
  usage: 'serve            configuration from the environment and .env; see the README table',
  async run(argv, io) {
    if (wantsHelp(argv)) {
      io.out(`usage: ${this.usage}`);
      return 0;
    }
    const config = readConfig(io);
    if (!config) return 2;
    // Loaded here so the other commands do not pay for (or warn about) the HTTP stack.
    const { startServer } = await import('../server');
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
