// Checks a wire body against an official client's response model (@alicloud/*: each model class has
// static names() → wire names and types() → nested model classes), recursively through objects and arrays.

// biome-ignore lint/suspicious/noExplicitAny: the official model classes are untyped here
type ModelClass = { names(): Record<string, string>; types(): Record<string, any> };

/** Wire paths the model declares that `body` lacks (`Data.List[0].WorkOrderId`); empty when every field is there. */
export function missingModelFields(model: ModelClass, body: unknown, path = ''): string[] {
  if (body === null || typeof body !== 'object') return [path || '(root)'];
  const missing: string[] = [];
  const names = model.names();
  const types = model.types();
  for (const [field, wire] of Object.entries(names)) {
    // Request-side bookkeeping the official models carry on some responses' parents; never on the wire.
    if (/^(OwnerId|ResourceOwnerAccount|ResourceOwnerId)$/.test(wire)) continue;
    const at = path ? `${path}.${wire}` : wire;
    if (!Object.hasOwn(body, wire)) {
      missing.push(at);
      continue;
    }
    const value = (body as Record<string, unknown>)[wire];
    const type = types[field];
    if (typeof type === 'function') missing.push(...missingModelFields(type, value, at));
    else if (type && typeof type === 'object' && type.type === 'array' && typeof type.itemType === 'function') {
      if (!Array.isArray(value)) missing.push(`${at} (not an array)`);
      else
        for (const [i, item] of value.entries())
          missing.push(...missingModelFields(type.itemType, item, `${at}[${i}]`));
    }
  }
  return missing;
}

/**
 * An official client (`@alicloud/dysmsapi20170525`, `dypnsapi20170525`, …: CommonJS, default class one level
 * down through ESM) pointed at an emulator URL with its built-in test key.
 */
// biome-ignore lint/suspicious/noExplicitAny: the official classes are untyped through the interop
export function officialClient(mod: any, config: any, emulatorUrl: string): any {
  const Client = mod.default?.default ?? mod.default;
  return new Client(
    new config.Config({
      accessKeyId: 'testid',
      accessKeySecret: 'testsecret',
      endpoint: emulatorUrl.replace('http://', ''),
      protocol: 'http',
    }),
  );
}
