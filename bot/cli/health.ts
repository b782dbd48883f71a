import { wantsHelp, type Command } from './command';
import { readConfig } from './config';

/** Asks a running server for /healthz and /readyz; exit 0 only when both answer well. */
export const healthCommand: Command = {
  name: 'health',
  summary: 'check that a running server is up and its storage reachable',
  usage: 'health [--url http://localhost:3978]',
  async run(argv, io) {
    if (wantsHelp(argv)) {
      io.out(`usage: ${this.usage}`);
      return 0;
    }
    const i = argv.indexOf('--url');
    let base = i >= 0 ? argv[i + 1] : undefined;
    if (!base) {
      const config = readConfig(io);
      if (!config) return 2;
      base = `http://127.0.0.1:${config.port}`;
    }
    try {
      const health = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5000) });
      const ready = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(5000) });
      const body = (await ready.json()) as { status?: string; database?: string };
      io.out(`healthz ${health.status}, readyz ${ready.status} (${body.status ?? '?'}, database ${body.database ?? '?'})`);
      return health.ok && ready.ok ? 0 : 1;
    } catch (err) {
      io.err(`cannot reach ${base}: ${(err as Error).message}`);
      return 1;
    }
  },
};
