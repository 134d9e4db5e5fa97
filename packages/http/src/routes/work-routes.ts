import {
  accountListQuery,
  activityListQuery,
  calendarQuery,
  cancelActivityInput,
  completeActivityInput,
  contactListQuery,
  correctCostInput,
  costListQuery,
  createAccountInput,
  createContactInput,
  createProductInput,
  createUserInput,
  demoLoanListQuery,
  lendDemoUnitInput,
  linkAsSameDealInput,
  markNotDuplicateInput,
  mergeAccountsInput,
  productListQuery,
  quotaListQuery,
  recordCostInput,
  reminderDueQuery,
  rescheduleActivityInput,
  resolutionsQuery,
  returnDemoUnitInput,
  scheduleActivityInput,
  searchInput,
  setQuotaInput,
  snoozeReminderInput,
  teamMemberInput,
  timelineQuery,
  transferCommandInput,
  updateAccountInput,
  updateContactInput,
  updateProductInput,
  updateUserInput,
} from '@gongfu/core';
import {
  act,
  addToTeam,
  command,
  create,
  get,
  list,
  read,
  readOf,
  removeFromTeam,
  update,
} from './route-builders.js';
import { type RouteTable, shape } from './route-spec.js';

/** People, customers, the catalogue, the calendar, costs, reminders, history and duplicates. */
export const workRoutes = {
  users: {
    base: '/users',
    routes: {
      create: create(createUserInput, shape.record('User')),
      update: update(updateUserInput, shape.record('User')),
      deactivate: act(null, shape.record('User')),
      get: get(shape.record('User')),
      list: list(null, shape.list('User')),
    },
  },
  products: {
    base: '/products',
    routes: {
      create: create(createProductInput, shape.record('Product')),
      update: update(updateProductInput, shape.record('Product'), 'sku'),
      get: get(shape.record('Product'), 'sku'),
      list: list(productListQuery, shape.page('Product')),
    },
  },
  accounts: {
    base: '/accounts',
    routes: {
      create: create(createAccountInput, shape.record('Account')),
      update: update(updateAccountInput, shape.record('Account')),
      get: get(shape.record('Account')),
      list: list(accountListQuery, shape.page('Account')),
      search: read(searchInput, shape.list('Account')),
      addTeamMember: addToTeam(teamMemberInput, shape.list('TeamMemberRow')),
      removeTeamMember: removeFromTeam(shape.list('TeamMemberRow')),
      team: readOf(shape.list('TeamMemberRow')),
      timeline: {
        ...readOf(shape.page('TimelineEntry')),
        query: timelineQuery,
        args: (p, input) => [p.id, input],
      },
      merge: command(mergeAccountsInput, shape.value('MergeRecord'), 201),
      undoMerge: {
        method: 'post',
        path: '/merges/{mergeId}/undo',
        status: 200,
        response: shape.value('MergeRecord'),
        args: (p) => [p.mergeId],
      },
    },
  },
  contacts: {
    base: '/contacts',
    routes: {
      create: create(createContactInput, shape.record('Contact')),
      update: update(updateContactInput, shape.record('Contact')),
      get: get(shape.record('Contact')),
      list: list(contactListQuery, shape.page('Contact')),
      search: read(searchInput, shape.list('Contact')),
    },
  },
  activities: {
    base: '/activities',
    routes: {
      schedule: create(scheduleActivityInput, shape.record('Activity')),
      reschedule: act(rescheduleActivityInput, shape.record('Activity')),
      complete: act(completeActivityInput, shape.record('Activity')),
      cancel: act(cancelActivityInput, shape.record('Activity')),
      get: get(shape.record('Activity')),
      list: list(activityListQuery, shape.page('Activity')),
      calendar: read(calendarQuery, shape.value('Calendar')),
    },
  },
  demoLoans: {
    base: '/demo-loans',
    routes: {
      lend: create(lendDemoUnitInput, shape.record('DemoLoan')),
      return: act(returnDemoUnitInput, shape.record('DemoLoan')),
      get: get(shape.record('DemoLoan')),
      list: list(demoLoanListQuery, shape.page('DemoLoan')),
    },
  },
  costs: {
    base: '/costs',
    routes: {
      record: create(recordCostInput, shape.record('CostEntry')),
      correct: act(correctCostInput, shape.record('CostEntry')),
      get: get(shape.record('CostEntry')),
      list: list(costListQuery, shape.page('CostEntry')),
      total: read(costListQuery, shape.list('CostTotal')),
    },
  },
  quotas: {
    base: '/quotas',
    routes: {
      set: command(setQuotaInput, shape.record('Quota')),
      get: get(shape.record('Quota')),
      list: list(quotaListQuery, shape.page('Quota')),
    },
  },
  ownership: {
    base: '/ownership',
    routes: { transfer: command(transferCommandInput, shape.value('TransferResult')) },
  },
  reminders: {
    base: '/reminders',
    routes: {
      due: read(reminderDueQuery, shape.list('Reminder')),
      escalations: read(reminderDueQuery, shape.list('Reminder')),
      acknowledge: act(null, shape.record('Reminder')),
      snooze: act(snoozeReminderInput, shape.record('Reminder')),
    },
  },
  history: {
    base: '/history',
    routes: {
      forRecord: {
        method: 'get',
        path: '/{entityType}/{id}',
        status: 200,
        response: shape.list('HistoryEvent'),
        args: (p) => [p.entityType, p.id],
      },
    },
  },
  access: {
    base: '/access',
    routes: {
      explain: {
        method: 'get',
        path: '/{entityType}/{id}',
        status: 200,
        response: shape.value('AccessExplanation'),
        args: (p) => [p.entityType, p.id],
      },
    },
  },
  duplicates: {
    base: '/duplicates',
    routes: {
      linkAsSameDeal: command(linkAsSameDealInput, shape.value('SameDealLink')),
      markNotDuplicate: command(markNotDuplicateInput, shape.value('DuplicateResolution'), 201),
      resolutions: read(resolutionsQuery, shape.list('DuplicateResolution')),
    },
  },
} satisfies Omit<RouteTable, 'leads' | 'opportunities' | 'orders' | 'serviceCases'>;
