import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import JSZip from 'jszip';

/**
 * The Teams app package: manifest.json (from manifest.template.json), its French localisation
 * and the two icons, validated against the official JSON schema shipped in @microsoft/app-manifest
 * (loaded from the package's files, so validation works offline; ajv-draft-04 is the validator the
 * package itself uses, called directly because the package's entry point is not CommonJS-clean).
 */
export const MANIFEST_DIR = __dirname;

export interface PackageValues {
  appId: string;
  teamsAppId: string;
  publicBaseUrl: string;
  botName: string;
}

function fill(template: string, values: PackageValues): unknown {
  const host = new URL(values.publicBaseUrl).host;
  const replacements: Record<string, string> = {
    TEAMS_APP_ID: values.teamsAppId,
    MICROSOFT_APP_ID: values.appId,
    PUBLIC_BASE_URL: values.publicBaseUrl.replace(/\/+$/, ''),
    PUBLIC_HOST: host,
    BOT_NAME: values.botName,
  };
  const text = template.replace(/\{\{(\w+)\}\}/g, (m, key: string) => {
    if (!(key in replacements)) throw new Error(`manifest template: unknown placeholder ${m}`);
    return JSON.stringify(replacements[key]).slice(1, -1);
  });
  return JSON.parse(text);
}

export function renderManifest(values: PackageValues): { manifest: Record<string, unknown>; localizations: Record<string, unknown> } {
  const manifest = fill(readFileSync(join(MANIFEST_DIR, 'manifest.template.json'), 'utf8'), values) as Record<string, unknown>;
  const fr = fill(readFileSync(join(MANIFEST_DIR, 'fr-fr.json'), 'utf8'), values) as Record<string, unknown>;
  return { manifest, localizations: { 'fr-fr.json': fr } };
}

function schemaFor(manifestVersion: string, file = 'MicrosoftTeams.schema.json'): object {
  const path = join(require.resolve('@microsoft/app-manifest/package.json'), '..', 'build', 'json-schemas', 'teams', `v${manifestVersion}`, file);
  return JSON.parse(readFileSync(path, 'utf8'));
}

function schemaErrors(document: unknown, schema: object): string[] {
  // The package's own settings, plus non-unicode patterns: the localisation schema's patterns are
  // written for plain RegExp and are rejected under the 'u' flag.
  const ajv = new Ajv04({ allErrors: true, strictTypes: false, strict: false, unicodeRegExp: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  const validate = ajv.compile(schema);
  if (validate(document)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is not valid'}`);
}

/** Schema errors of the manifest and its localisation files (empty when valid). */
export async function validatePackage(rendered: ReturnType<typeof renderManifest>): Promise<string[]> {
  const version = String(rendered.manifest.manifestVersion);
  const errors = schemaErrors(rendered.manifest, schemaFor(version));
  for (const [file, content] of Object.entries(rendered.localizations)) {
    errors.push(...schemaErrors(content, schemaFor(version, 'MicrosoftTeams.Localization.schema.json')).map((e) => `${file}: ${e}`));
  }
  return errors;
}

export async function buildPackage(rendered: ReturnType<typeof renderManifest>): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('manifest.json', JSON.stringify(rendered.manifest, null, 2));
  for (const [file, content] of Object.entries(rendered.localizations)) zip.file(file, JSON.stringify(content, null, 2));
  zip.file('color.png', readFileSync(join(MANIFEST_DIR, 'color.png')));
  zip.file('outline.png', readFileSync(join(MANIFEST_DIR, 'outline.png')));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
