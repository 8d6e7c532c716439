/**
 * The keys stripe-node's types mark as always present (not optional) on an
 * object, read from the installed package's declarations, so the stand-in's
 * objects are checked against the client a founder's code is typed against,
 * not against a list kept by hand. The declarations are generated, one
 * member per line at four spaces, which is all this reads.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// `stripe` resolves to .../stripe/cjs/stripe.cjs.node.js (its exports hide package.json).
const stripeCjs = path.dirname(createRequire(import.meta.url).resolve('stripe'));

/** `declarations` is relative to the package's `cjs/resources/`, e.g. `Checkout/Sessions.d.ts`. */
export function requiredKeysOf(declarations: string, interfaceName: string): string[] {
  const text = readFileSync(path.join(stripeCjs, 'resources', declarations), 'utf8');
  const start = text.indexOf(`export interface ${interfaceName} {`);
  if (start === -1) throw new Error(`no interface ${interfaceName} in stripe's ${declarations}`);
  const end = text.indexOf('\n}', start);
  const keys: string[] = [];
  for (const line of text.slice(start, end).split('\n')) {
    const member = /^ {4}([a-z_0-9]+)(\??):/.exec(line);
    if (member && member[2] === '') keys.push(member[1] ?? '');
  }
  return keys;
}
