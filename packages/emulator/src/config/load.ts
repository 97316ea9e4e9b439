import { readFile } from 'node:fs/promises';
import { InvalidArgumentError } from 'alisms';
import { parse } from 'yaml';
import { type EmulatorConfig, resolveConfig } from './resolve.js';

/** Reads and validates an `emulator.yaml`; the error names the file and every bad or unknown key. */
export async function loadEmulatorConfig(path: string): Promise<EmulatorConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InvalidArgumentError('config', `cannot read ${path}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new InvalidArgumentError('config', `${path} is not valid YAML: ${(error as Error).message}`);
  }
  try {
    return resolveConfig(raw ?? {});
  } catch (error) {
    throw new InvalidArgumentError('config', `${path}: ${(error as Error).message.replace(/^config: /, '')}`);
  }
}
