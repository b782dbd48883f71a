/** Serialisation of the text classifiers: big weight matrices quantised to int8 with one scale per row. */
import { z } from 'zod';
import { TextClassifier } from '../classifier';

// =============================================================================================
// Serialisation

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be a base64 string');

/** A classifier with its big weight matrices stored as int8 with one scale per row. */
const packedArraySchema = z.object({ rowLen: z.number().int().positive(), q: b64, s: b64 });
export const packedClassifierSchema = z.object({
  json: z.record(z.string(), z.unknown()),
  packed: z.array(z.record(z.string(), packedArraySchema)),
});
export type PackedClassifier = z.infer<typeof packedClassifierSchema>;

function quantize(f32b64: string, rowLen: number): z.infer<typeof packedArraySchema> {
  const buf = Buffer.from(f32b64, 'base64');
  const arr = new Float32Array(buf.byteLength / 4);
  new Uint8Array(arr.buffer).set(buf);
  const rows = Math.ceil(arr.length / rowLen);
  const q = new Int8Array(arr.length);
  const s = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let j = r * rowLen; j < Math.min(arr.length, (r + 1) * rowLen); j++) max = Math.max(max, Math.abs(arr[j]));
    const scale = max > 0 ? max / 127 : 1;
    s[r] = scale;
    for (let j = r * rowLen; j < Math.min(arr.length, (r + 1) * rowLen); j++) q[j] = Math.round(arr[j] / scale);
  }
  return { rowLen, q: Buffer.from(q.buffer).toString('base64'), s: Buffer.from(s.buffer).toString('base64') };
}

function dequantize(p: z.infer<typeof packedArraySchema>): string {
  const qb = Buffer.from(p.q, 'base64');
  const q = new Int8Array(qb.buffer, qb.byteOffset, qb.byteLength);
  const sb = Buffer.from(p.s, 'base64');
  if (sb.byteLength % 4 !== 0) throw new Error('Invalid triage model: a scale array is not a whole number of floats');
  const s = new Float32Array(sb.byteLength / 4);
  new Uint8Array(s.buffer).set(sb);
  if (s.length !== Math.ceil(q.length / p.rowLen)) throw new Error('Invalid triage model: scale count does not match the weights');
  const out = new Float32Array(q.length);
  for (let j = 0; j < q.length; j++) out[j] = q[j] * s[Math.floor(j / p.rowLen)];
  return Buffer.from(out.buffer).toString('base64');
}

export function packClassifier(c: TextClassifier): PackedClassifier {
  const json = c.toJSON() as unknown as Record<string, unknown> & { labels: string[]; options: { hidden: number }; members: Record<string, string>[] };
  const C = json.labels.length;
  const H = json.options.hidden;
  const packed = json.members.map((m) => {
    const out: Record<string, z.infer<typeof packedArraySchema>> = {};
    if (m.w1) out.w1 = quantize(m.w1, H);
    out.w2 = quantize(m.w2, C);
    return out;
  });
  const members = json.members.map((m) => {
    const rest = { ...m };
    delete rest.w1;
    delete rest.w2;
    return rest;
  });
  return { json: { ...json, members }, packed };
}

export function unpackClassifier(p: PackedClassifier, name: string): TextClassifier {
  const members = (Array.isArray(p.json.members) ? p.json.members : []) as Record<string, unknown>[];
  if (members.length !== p.packed.length) throw new Error(`Invalid triage model: ${name}: ${members.length} members but ${p.packed.length} packed weight sets`);
  const full = {
    ...p.json,
    members: members.map((m, i) => {
      const out: Record<string, unknown> = { ...m };
      for (const [k, v] of Object.entries(p.packed[i])) out[k] = dequantize(v);
      return out;
    }),
  };
  try {
    return TextClassifier.fromJSON(full);
  } catch (e) {
    throw new Error(`Invalid triage model: ${name}: ${(e as Error).message}`);
  }
}
