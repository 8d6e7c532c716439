import type { StandInContext } from '../context';
import { resourceMissing } from '../errors';
import type { FormParams } from '../form';
import { paginate } from '../list';
import type { EventObject, ListObject } from '../objects';
import { matchesRange, readString, readStringArray } from '../params';
import { newestFirst } from '../store';

/** `customer.subscription.*` matches every subscription event, as Stripe's filter does. */
function typeMatches(pattern: string, type: string): boolean {
  return pattern.endsWith('.*') ? type.startsWith(pattern.slice(0, -1)) : pattern === type;
}

export function listEvents(ctx: StandInContext, params: FormParams): ListObject<EventObject> {
  const type = readString(params, 'type');
  const types = readStringArray(params, 'types');
  const events = newestFirst(ctx.state.events).filter(
    (event) =>
      (type === undefined || typeMatches(type, event.type)) &&
      (types === undefined || types.some((pattern) => typeMatches(pattern, event.type))) &&
      matchesRange(event.created, params, 'created'),
  );
  return paginate(events, params, '/v1/events');
}

export function retrieveEvent(ctx: StandInContext, id: string): EventObject {
  const event = ctx.state.events[id];
  if (!event) throw resourceMissing('event', id);
  return event;
}
