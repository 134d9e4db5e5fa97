import type { Activity, ActivityDay, ActivityDaysQuery, ActivityFilter, ActivityStore } from '@gongfu/core';
import { activityDays } from './activity-days.js';
import { activitySpec } from './specs-operations.js';
import { SqlRecordStore } from './sql-record-store.js';
import type { StoreContext } from './store-context.js';

/** The activities table: the generic record store plus the calendar's day-by-day read. */
export class SqlActivityStore extends SqlRecordStore<Activity, ActivityFilter> implements ActivityStore {
  constructor(private readonly context: StoreContext) {
    super(context, activitySpec);
  }

  byDay(query: ActivityDaysQuery): Promise<ActivityDay[]> {
    return activityDays(this.context, activitySpec, query);
  }
}
