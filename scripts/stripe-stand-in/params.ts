/**
 * Typed readers over decoded form parameters. Each reader names the offending
 * parameter the way Stripe does (`line_items[0][price]`), so the client's
 * `error.param` points at the field the caller got wrong.
 */
import { invalidRequest, missingParam, unknownParam } from './errors';
import type { FormParams, FormValue } from './form';

export type Metadata = Record<string, string>;

export function rejectUnknownParams(params: FormParams, allowed: readonly string[]): void {
  for (const key of Object.keys(params)) {
    if (key !== 'expand' && !allowed.includes(key)) throw unknownParam(key);
  }
}

export function readString(params: FormParams, key: string, name = key): string | undefined {
  const value = params[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidRequest(`Invalid string: ${name} must be a string.`, name);
  return value;
}

export function requireString(params: FormParams, key: string, name = key): string {
  const value = readString(params, key, name);
  if (value === undefined || value === '') throw missingParam(name);
  return value;
}

export function readInteger(params: FormParams, key: string, name = key): number | undefined {
  const value = readString(params, key, name);
  if (value === undefined || value === '') return undefined;
  if (!/^-?\d+$/.test(value)) throw invalidRequest(`Invalid integer: ${value}`, name, 'parameter_invalid_integer');
  return Number(value);
}

export function readBoolean(params: FormParams, key: string, name = key): boolean | undefined {
  const value = readString(params, key, name);
  if (value === undefined || value === '') return undefined;
  if (value !== 'true' && value !== 'false') throw invalidRequest(`Invalid boolean: ${value}`, name);
  return value === 'true';
}

export function readObject(params: FormParams, key: string, name = key): FormParams | undefined {
  const value = params[key];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidRequest(`Invalid object: ${name} must be a hash.`, name);
  }
  return value;
}

export function readArray(params: FormParams, key: string, name = key): FormValue[] | undefined {
  const value = params[key];
  if (value === undefined || value === '') return undefined;
  if (!Array.isArray(value)) throw invalidRequest(`Invalid array: ${name} must be an array.`, name);
  return value;
}

export function readStringArray(params: FormParams, key: string, name = key): string[] | undefined {
  const values = readArray(params, key, name);
  if (values === undefined) return undefined;
  return values.map((value, index) => {
    if (typeof value !== 'string') throw invalidRequest(`Invalid string: ${name}[${index}]`, `${name}[${index}]`);
    return value;
  });
}

export function readObjectArray(params: FormParams, key: string, name = key): FormParams[] | undefined {
  const values = readArray(params, key, name);
  if (values === undefined) return undefined;
  return values.map((value, index) => {
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw invalidRequest(`Invalid object: ${name}[${index}] must be a hash.`, `${name}[${index}]`);
    }
    return value;
  });
}

/** Stripe merges metadata on update; an empty value (or `metadata=`) removes keys. */
export function mergeMetadata(current: Metadata, params: FormParams, key = 'metadata'): Metadata {
  const value = params[key];
  if (value === undefined) return current;
  if (value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidRequest('Invalid hash', key);
  const merged = { ...current };
  for (const [field, fieldValue] of Object.entries(value)) {
    if (typeof fieldValue !== 'string') throw invalidRequest('Invalid metadata value', `${key}[${field}]`);
    if (fieldValue === '') delete merged[field];
    else merged[field] = fieldValue;
  }
  return merged;
}

export function readExpand(params: FormParams): string[] {
  return readStringArray(params, 'expand') ?? [];
}

/** `created[gte]=…` style range filters, or an exact `created=…`. */
export function matchesRange(value: number, params: FormParams, key: string): boolean {
  const filter = params[key];
  if (filter === undefined) return true;
  if (typeof filter === 'string') return value === Number(filter);
  if (Array.isArray(filter)) return true;
  const bound = (name: string) => (typeof filter[name] === 'string' ? Number(filter[name]) : undefined);
  const gt = bound('gt');
  const gte = bound('gte');
  const lt = bound('lt');
  const lte = bound('lte');
  return (
    (gt === undefined || value > gt) &&
    (gte === undefined || value >= gte) &&
    (lt === undefined || value < lt) &&
    (lte === undefined || value <= lte)
  );
}
