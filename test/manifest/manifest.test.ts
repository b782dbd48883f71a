import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { main } from '../../bot/main';
import { renderManifest, validatePackage } from '../../manifest/appPackage';

const values = {
  appId: '11111111-2222-3333-4444-555555555555',
  teamsAppId: '11111111-2222-3333-4444-555555555555',
  publicBaseUrl: 'https://support.example.com',
  botName: 'Support',
};

function pngSize(file: string): { width: number; height: number; alpha: boolean } {
  const buf = readFileSync(join(__dirname, '..', '..', 'manifest', file));
  expect(buf.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20), alpha: buf[25] === 6 };
}

describe('Teams app package', () => {
  it('is valid against the official schema shipped in @microsoft/app-manifest', async () => {
    const rendered = renderManifest(values);
    expect(await validatePackage(rendered)).toEqual([]);
    const m = rendered.manifest as any;
    expect(m.bots[0].botId).toBe(values.appId);
    expect(m.bots[0].scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(m.validDomains).toEqual(['support.example.com']);
    expect(m.localizationInfo.additionalLanguages[0].languageTag).toBe('fr-fr');
  });

  it('catches a manifest the schema refuses', async () => {
    const rendered = renderManifest(values);
    (rendered.manifest as any).bots[0].scopes = ['everywhere'];
    expect((await validatePackage(rendered)).length).toBeGreaterThan(0);
  });

  it('has the icons Teams requires', () => {
    expect(pngSize('color.png')).toMatchObject({ width: 192, height: 192 });
    expect(pngSize('outline.png')).toEqual({ width: 32, height: 32, alpha: true });
  });

  it('npm run manifest builds a zip with the manifest, its French file and both icons', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'mf-'));
    writeFileSync(join(dir, 'x'), '');
    const code = await main(['manifest'], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      env: { MicrosoftAppId: values.appId, MicrosoftAppPassword: 'pw', PUBLIC_BASE_URL: values.publicBaseUrl },
    });
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out[0]).toMatch(/manifest\/build\/support-teams-app\.zip$/);
    const zip = await JSZip.loadAsync(readFileSync(out[0]));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'fr-fr.json', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(manifest.id).toBe(values.appId);
  });

  it('refuses to build without an app id', async () => {
    const err: string[] = [];
    const code = await main(['manifest'], { out: () => undefined, err: (l) => err.push(l), env: { PUBLIC_BASE_URL: 'https://x.example' } });
    expect(code).toBe(2);
    expect(err[0]).toMatch(/MicrosoftAppId/);
  });
});
