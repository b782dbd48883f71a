/** Reading and writing the triage model file. */
import * as fs from 'fs';
import * as path from 'path';
import { TriageModel } from './model';

// =============================================================================================
// Files (the only I/O of this module)

export const DEFAULT_TRIAGE_MODEL_PATH = path.join(__dirname, '..', 'model', 'triage-model.json');

export function loadTriageModel(file: string = DEFAULT_TRIAGE_MODEL_PATH): TriageModel {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`Cannot read the triage model ${file}: ${(e as Error).message} (run the "train" command)`);
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (e) {
    throw new Error(`Invalid triage model ${file}: not JSON (${(e as Error).message})`);
  }
  return TriageModel.fromJSON(data);
}

export function saveTriageModel(model: TriageModel, file: string = DEFAULT_TRIAGE_MODEL_PATH): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(model.toJSON()) + '\n');
}
