import { z } from 'zod';

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
  { message: 'expected an IANA time zone such as Asia/Shanghai' },
);
