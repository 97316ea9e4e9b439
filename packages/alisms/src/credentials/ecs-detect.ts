import { nodeBuiltin } from '../core/node-builtin.js';

/** Returns the DMI identification text of the machine (vendor and product name), or '' when unknown. */
export type DmiReader = () => Promise<string> | string;

const DMI_FILES = ['/sys/class/dmi/id/sys_vendor', '/sys/class/dmi/id/product_name'];

/** Reads `/sys/class/dmi/id/sys_vendor` and `product_name`; missing files (macOS, containers) read as ''. */
export const readLinuxDmi: DmiReader = async () => {
  const { readFile } = nodeBuiltin('node:fs/promises');
  const parts = await Promise.all(DMI_FILES.map((file) => readFile(file, 'utf8').catch(() => '')));
  return parts.join('\n');
};

/** True when the machine says it is an Alibaba Cloud ECS instance. */
export async function isAlibabaCloudEcs(readDmi: DmiReader = readLinuxDmi): Promise<boolean> {
  try {
    return (await readDmi()).includes('Alibaba Cloud');
  } catch {
    return false;
  }
}
