const [pkg, ...names] = process.argv.slice(2);
const mod = await import(pkg);
function walk(cls, indent = '') {
  const n = cls.names(), t = cls.types();
  const out = [];
  for (const k of Object.keys(n)) {
    const ty = t[k];
    let desc = typeof ty === 'string' ? ty : '';
    if (typeof ty === 'function') { out.push(`${indent}${n[k]}: {`); out.push(...walk(ty, indent + '  ')); out.push(`${indent}}`); continue; }
    if (ty && typeof ty === 'object' && ty.type === 'array') {
      if (typeof ty.itemType === 'function') { out.push(`${indent}${n[k]}: [{`); out.push(...walk(ty.itemType, indent + '  ')); out.push(`${indent}}]`); continue; }
      desc = `${ty.itemType}[]`;
    }
    if (ty && typeof ty === 'object' && ty.type === 'map') desc = 'map';
    out.push(`${indent}${n[k]}: ${desc}`);
  }
  return out;
}
for (const name of names) { console.log('== ' + name); console.log(walk(mod[name]).join('\n')); }
