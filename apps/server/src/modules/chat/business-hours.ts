import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { type BusinessCalendar, businessCalendars } from '../sla/index.js';

/** The channel's business-hours calendar (SLA module), or null = always open. */
export async function calendarOf(db: DbOrTx, workspaceId: string, calendarId: string | null): Promise<BusinessCalendar | null> {
  if (!calendarId) return null;
  const [row] = await db
    .select()
    .from(businessCalendars)
    .where(and(eq(businessCalendars.workspaceId, workspaceId), eq(businessCalendars.id, calendarId)))
    .limit(1);
  return row ? { timezone: row.timezone, hours: row.hours, holidays: row.holidays } : null;
}
