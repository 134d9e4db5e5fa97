import { z } from 'zod';
import { sayInput, zodMessage } from '../kernel/input-messages.js';

/** An IANA time zone name the runtime knows (e.g. Asia/Shanghai); calendars and reminders use it. */
export const timeZoneSchema = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  },
  zodMessage(sayInput('input.timeZone')),
);
