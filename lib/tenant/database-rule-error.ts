import 'server-only';
import { AppError, ERROR_STATUS, type ErrorCode } from '@/lib/http/app-error';

/** The SQLSTATE the database raises when a tenant rule refuses a change (db/migrations/0006_tenant_rules.sql). */
const TENANT_RULE_SQLSTATE = 'TNT01';

/**
 * The database states a broken rule as SQLSTATE TNT01 with the API's error
 * code as its message and the sentence for people as its detail. This turns
 * that into the AppError the API answers, so a rule written once in SQL reads
 * the same through the API, the dashboard and the Data API. Anything else is
 * returned unchanged.
 */
export function fromDatabaseRule(error: unknown): unknown {
  for (let current: unknown = error; current && typeof current === 'object'; current = (current as { cause?: unknown }).cause) {
    const candidate = current as { code?: unknown; message?: unknown; detail?: unknown };
    if (candidate.code !== TENANT_RULE_SQLSTATE) continue;
    const code = String(candidate.message);
    if (!(code in ERROR_STATUS)) return error;
    return new AppError(code as ErrorCode, typeof candidate.detail === 'string' ? candidate.detail : code);
  }
  return error;
}
