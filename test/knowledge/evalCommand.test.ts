import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { evalCommand, parseEvalFile, SUMMARY_KEYS } from '../../bot/cli/eval';
import type { CommandIO } from '../../bot/cli/command';

/** A few labelled lines written for this test (not from ../shared/eval). */
const LINES = [
  { id: 'x1', text: 'Nobody in the company can send email since this morning', lang: 'en', expect: { category: 'technical', subcategory: 'usage', severity: 'A', topic: 'exchange.mail-flow' } },
  { id: 'x2', text: 'comment partager mon calendrier avec mon assistante ?', lang: 'fr', expect: { category: 'technical', subcategory: 'usage', severity: 'C', topic: 'exchange.calendar-sharing' } },
  { id: 'x3', text: "what's the weather like in Lyon", lang: 'en', expect: { category: 'out-of-scope', subcategory: null, severity: null, topic: null } },
  { id: 'x4', text: 'je veux télécharger nos factures du trimestre', lang: 'fr', expect: { category: 'billing', topic: 'billing.invoices' } },
  { id: 'x5', text: 'our firewall blocks teams', lang: 'en', expect: { category: 'boundary', subcategory: 'network' } },
];

function capture(): { io: CommandIO; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l) => out.push(l), err: (l) => err.push(l), env: {} }, out, err };
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eval-test-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('eval command', () => {
  test('prints per-field accuracy, confusion matrices, per-language figures and a JSON last line', async () => {
    const file = write('small.jsonl', LINES.map((l) => JSON.stringify(l)));
    const { io, out, err } = capture();
    const code = await evalCommand.run([file], io);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/category\s+\d\.\d{4} \(\d+\/5\)/);
    expect(text).toMatch(/severity\s+\d\.\d{4} \(\d+\/3\)/);
    expect(text).toMatch(/subcategory\s+\d\.\d{4} \(\d+\/4\)/);
    expect(text).toMatch(/category confusion/);
    expect(text).toMatch(/severity confusion/);
    expect(text).toMatch(/== lang en \(3 lines\)/);
    expect(text).toMatch(/== lang fr \(2 lines\)/);
    const last = JSON.parse(out[out.length - 1]);
    expect(Object.keys(last)).toEqual([...SUMMARY_KEYS, 'by_lang']);
    expect(Object.keys(last.by_lang)).toEqual(['en', 'fr']);
    expect(Object.keys(last.by_lang.en)).toEqual([...SUMMARY_KEYS]);
    expect(last.n).toBe(5);
    expect(last.by_lang.en.n).toBe(3);
    expect(last.by_lang.fr.n).toBe(2);
    for (const k of SUMMARY_KEYS) if (k !== 'n') expect(last[k] === null || (last[k] >= 0 && last[k] <= 1)).toBe(true);
    // Only one line has an expected null topic: the false-offer rate is 0 or 1.
    expect([0, 1]).toContain(last.null_false_offer);
    // fr has no null-topic line: not scored.
    expect(last.by_lang.fr.null_false_offer).toBeNull();
    expect(last.lang).toBe(1);
  });

  test('a field left out of every line is null, not zero', async () => {
    const file = write('partial.jsonl', [JSON.stringify({ text: 'is there a free trial?', lang: 'en', expect: { category: 'presales' } })]);
    const { io, out } = capture();
    expect(await evalCommand.run([file], io)).toBe(0);
    const last = JSON.parse(out[out.length - 1]);
    expect(last.severity).toBeNull();
    expect(last.subcategory).toBeNull();
    expect(last.topic_r1).toBeNull();
    expect(last.topic_mrr10).toBeNull();
    expect(last.null_false_offer).toBeNull();
    expect(last.category).toBe(1);
  });

  test.each([
    ['not json', ['{"text":"a","lang":"en","expect":{}}', '{not json'], /:2: not valid JSON/],
    ['bad label', ['{"text":"a","lang":"en","expect":{"category":"weird"}}'], /:1: expect\.category/],
    ['unknown topic', ['{"text":"a","lang":"en","expect":{"topic":"nope.nope"}}'], /:1: expect\.topic: unknown topic id/],
    ['bad lang', ['{"text":"a","lang":"de","expect":{}}'], /:1: lang/],
    ['missing text', ['', '{"lang":"en","expect":{}}'], /:2: text/],
  ])('a bad line (%s) exits 2 with one line naming it', async (_name, lines, pattern) => {
    const file = write('bad.jsonl', lines as string[]);
    const { io, out, err } = capture();
    expect(await evalCommand.run([file], io)).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(pattern as RegExp);
    expect(out).toEqual([]);
  });

  test('usage errors exit 2; --help exits 0', async () => {
    let c = capture();
    expect(await evalCommand.run([], c.io)).toBe(2);
    expect(c.err).toHaveLength(1);
    c = capture();
    expect(await evalCommand.run([path.join(dir, 'missing.jsonl')], c.io)).toBe(2);
    expect(c.err).toHaveLength(1);
    c = capture();
    expect(await evalCommand.run(['a', 'b'], c.io)).toBe(2);
    c = capture();
    expect(await evalCommand.run(['--bogus', 'x'], c.io)).toBe(2);
    c = capture();
    expect(await evalCommand.run(['--help'], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/usage: eval/);
  });

  test('parseEvalFile keeps left-out fields undefined and explicit nulls null', () => {
    const [a] = parseEvalFile('{"text":"x","lang":"fr","expect":{"topic":null}}');
    expect(a.expect.topic).toBeNull();
    expect(a.expect.category).toBeUndefined();
  });
});
