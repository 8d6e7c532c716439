/** Billing Portal sessions: a short-lived link to the stand-in's hosted portal page for one customer. */
import type { StandInContext } from '../context';
import { invalidRequest, missingParam, resourceMissing } from '../errors';
import type { FormParams } from '../form';
import type { PortalSessionObject } from '../objects';
import { readString, rejectUnknownParams } from '../params';
import { newId } from '../store';
import { findLiveCustomer } from './lookup';
import { checkReferences } from './references';

const CREATE_PARAMS = ['after_expiration', 'configuration', 'customer', 'customer_account', 'flow_data', 'locale', 'on_behalf_of', 'return_url'];
export const DEFAULT_PORTAL_CONFIGURATION = 'bpc_stand_in_default';

export function createPortalSession(ctx: StandInContext, params: FormParams): PortalSessionObject {
  rejectUnknownParams(params, CREATE_PARAMS);
  const configuration = readString(params, 'configuration') || DEFAULT_PORTAL_CONFIGURATION;
  // The stand-in has one portal configuration; any other id names nothing.
  if (configuration !== DEFAULT_PORTAL_CONFIGURATION) checkReferences(ctx, params, { configuration: 'billing portal configuration' });
  checkReferences(ctx, params, { on_behalf_of: 'account', customer_account: 'customer account' });
  const customerId = readString(params, 'customer');
  if (!customerId) throw missingParam('customer');
  findLiveCustomer(ctx, customerId, 'customer');
  const returnUrl = readString(params, 'return_url') || null;
  if (returnUrl !== null && !URL.canParse(returnUrl)) throw invalidRequest('Not a valid URL', 'return_url', 'url_invalid');
  const id = newId('bps_');
  const session: PortalSessionObject = {
    id,
    object: 'billing_portal.session',
    configuration,
    created: ctx.clock.now(),
    customer: customerId,
    customer_account: null,
    flow: null,
    livemode: false,
    locale: readString(params, 'locale') ?? null,
    on_behalf_of: readString(params, 'on_behalf_of') ?? null,
    return_url: returnUrl,
    url: `${ctx.baseUrl}/billing-portal/${id}`,
  };
  ctx.state.portalSessions[id] = session;
  ctx.store.save();
  return session;
}

export function findPortalSession(ctx: StandInContext, id: string): PortalSessionObject {
  const session = ctx.state.portalSessions[id];
  if (!session) throw resourceMissing('billing_portal.session', id);
  return session;
}
