import type { CommandContext } from '../../service/context.js';
import { activityName } from '../reminders/reminder-messages.js';
import type { Lead } from './lead.js';
import { sayLead } from './lead-messages.js';

/**
 * The subject of a logged contact the caller did not name: "Visit with 王工 (山东恒通…)" /
 * "拜访：王工（山东恒通…）", the kind by the workspace's own words when its list has them. Written
 * once, in the writer's language: it is the record's text, as if they had typed it.
 */
export function contactSubject(
  ctx: CommandContext,
  kind: string,
  lead: Pick<Lead, 'contact' | 'company'>,
): string {
  const kindLabel = ctx.config.activityKinds.find((e) => e.key === kind)?.label;
  return ctx.say(
    sayLead('lead.contactSubject', {
      kind: activityName(kind, kindLabel),
      name: lead.contact.name,
      company: lead.company,
    }),
  );
}
