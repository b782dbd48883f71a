import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPackage, MANIFEST_DIR, renderManifest, validatePackage } from '../../manifest/appPackage';
import { wantsHelp, type Command } from './command';
import { readConfig } from './config';

export const manifestCommand: Command = {
  name: 'manifest',
  summary: 'build the Teams app package manifest/build/<name>.zip',
  usage: 'manifest [--app-id <GUID>] [--host <public host or URL>]   (defaults: MicrosoftAppId, PUBLIC_BASE_URL)',
  async run(argv, io) {
    if (wantsHelp(argv)) {
      io.out(`usage: ${this.usage}`);
      return 0;
    }
    const flag = (name: string) => {
      const i = argv.indexOf(name);
      return i >= 0 ? argv[i + 1] : undefined;
    };
    const config = readConfig(io);
    if (!config) return 2;
    const appId = flag('--app-id') ?? config.appId;
    const hostArg = flag('--host');
    const publicBaseUrl = hostArg ? (/^https?:\/\//.test(hostArg) ? hostArg : `https://${hostArg}`) : config.publicBaseUrl;
    const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    if (!appId || !guid.test(appId)) {
      io.err('manifest: MicrosoftAppId (or --app-id) must be the bot\'s app id, a GUID');
      return 2;
    }
    if (!publicBaseUrl) {
      io.err('manifest: PUBLIC_BASE_URL (or --host) must name the public host of this server');
      return 2;
    }
    const rendered = renderManifest({ appId, teamsAppId: config.teamsAppId ?? appId, publicBaseUrl, botName: config.botName });
    const errors = await validatePackage(rendered);
    if (errors.length) {
      io.err(`manifest: not valid against the Teams schema: ${errors.join('; ')}`);
      return 1;
    }
    const name = `${config.botName.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-teams-app`;
    const dir = join(MANIFEST_DIR, 'build');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${name}.zip`);
    writeFileSync(file, await buildPackage(rendered));
    io.out(file);
    return 0;
  },
};
