import {
  addLineInput,
  advanceInput,
  cancelOrderInput,
  captureLeadInput,
  convertLeadInput,
  createDirectOrderInput,
  createOpportunityInput,
  createOrderFromOpportunityInput,
  dealContactInput,
  deliverInput,
  disqualifyInput,
  expectedVersionInput,
  expectedVersionSchema,
  lastQuoteQuery,
  leadListQuery,
  linkEndCustomerInput,
  logContactInput,
  loseInput,
  migratePipelineInput,
  openServiceCaseInput,
  opportunityListQuery,
  orderListQuery,
  parseInput,
  progressServiceCaseInput,
  quoteInput,
  type ResolvedPipeline,
  reopenInput,
  resolveServiceCaseInput,
  serviceCaseListQuery,
  shipInput,
  stageOf,
  teamMemberInput,
  updateLeadInput,
  updateOpportunityInput,
  winInput,
} from '@gongfu/core';
import { z } from 'zod';
import { act, addToTeam, create, get, list, read, readOf, removeFromTeam, update } from './route-builders.js';
import { type RouteTable, shape } from './route-spec.js';

/** `?expectedVersion=` on a DELETE, which has no body (or the version from `If-Match`). */
export const versionQuery = z.object({ expectedVersion: expectedVersionSchema });

/** The lead → opportunity → order → service lifecycle, over HTTP. */
export const salesRoutes = {
  leads: {
    base: '/leads',
    routes: {
      capture: create(captureLeadInput, shape.record('Lead')),
      update: update(updateLeadInput, shape.record('Lead')),
      logContact: act(logContactInput, shape.value('LeadContactLogged')),
      quote: { ...act(quoteInput, shape.value('QuoteEntry')), status: 201 },
      lastQuote: read(lastQuoteQuery, shape.nullable('QuoteEntry')),
      quotes: readOf(shape.list('QuoteEntry')),
      qualify: act(null, shape.record('Lead')),
      disqualify: act(disqualifyInput, shape.record('Lead')),
      nurture: act(null, shape.record('Lead')),
      recycle: act(null, shape.record('Lead')),
      convert: act(convertLeadInput, shape.value('ConversionResult')),
      get: get(shape.record('Lead')),
      list: list(leadListQuery, shape.page('Lead')),
    },
  },
  opportunities: {
    base: '/opportunities',
    routes: {
      create: create(createOpportunityInput, shape.record('Opportunity')),
      update: update(updateOpportunityInput, shape.record('Opportunity')),
      linkEndCustomer: act(linkEndCustomerInput, shape.record('Opportunity')),
      addContact: { ...act(dealContactInput, shape.record('Opportunity')), path: '/{id}/contacts' },
      removeContact: {
        method: 'delete',
        path: '/{id}/contacts/{contactId}',
        query: versionQuery,
        status: 200,
        response: shape.record('Opportunity'),
        args: (p, input) => [p.id, p.contactId, parseInput(versionQuery, input).expectedVersion],
      },
      advance: act(advanceInput, shape.record('Opportunity')),
      retreat: act(advanceInput, shape.record('Opportunity')),
      addLine: { ...act(addLineInput, shape.record('Opportunity')), path: '/{id}/lines' },
      removeLine: {
        method: 'delete',
        path: '/{id}/lines/{lineId}',
        query: versionQuery,
        status: 200,
        response: shape.record('Opportunity'),
        args: (p, input) => [p.id, p.lineId, parseInput(versionQuery, input).expectedVersion],
      },
      addTeamMember: addToTeam(teamMemberInput, shape.record('Opportunity')),
      removeTeamMember: removeFromTeam(shape.record('Opportunity')),
      win: act(winInput, shape.value('WinResult')),
      lose: act(loseInput, shape.record('Opportunity')),
      reopen: act(reopenInput, shape.record('Opportunity')),
      get: get(shape.record('Opportunity')),
      explainAccess: { ...readOf(shape.value('AccessExplanation')), path: '/{id}/access' },
      list: list(opportunityListQuery, shape.page('Opportunity')),
      migratePipeline: {
        ...act(migratePipelineInput, shape.value('PipelineMigration')),
        path: '/{id}/pipeline',
      },
      pipeline: { ...get(shape.value('ResolvedPipeline'), 'channel'), path: '/pipelines/{channel}' },
      // A stage of the workspace's pipeline in force (what `pipeline` lists), not the built-in
      // template `Crm.opportunities.stageInfo` answers from: the caller's app shows this tenant's.
      stageInfo: {
        method: 'get',
        path: '/pipelines/{channel}/stages/{stage}',
        status: 200,
        response: shape.optional('PipelineStage'),
        args: (p) => [p.channel, p.stage],
        call: async (
          area: {
            stageInfo(channel: string, stage: string): unknown;
            pipeline(actor: string, channel: string): Promise<ResolvedPipeline>;
          },
          actor,
          p,
        ) => {
          // Validates both like the command does: an unknown channel or a bad stage id is 400.
          area.stageInfo(p.channel ?? '', p.stage ?? '');
          return stageOf(await area.pipeline(actor, p.channel ?? ''), p.stage ?? '');
        },
      },
    },
  },
  orders: {
    base: '/orders',
    routes: {
      createFromOpportunity: {
        ...create(createOrderFromOpportunityInput, shape.record('Order')),
        path: '/from-opportunity/{opportunityId}',
        args: (p, input) => [p.opportunityId, input],
      },
      createDirect: { ...create(createDirectOrderInput, shape.record('Order')), path: '/direct' },
      confirm: act(expectedVersionInput, shape.record('Order')),
      ship: act(shipInput, shape.record('Order')),
      deliver: act(deliverInput, shape.record('Order')),
      close: act(expectedVersionInput, shape.record('Order')),
      cancel: act(cancelOrderInput, shape.record('Order')),
      get: get(shape.record('Order')),
      list: list(orderListQuery, shape.page('Order')),
    },
  },
  serviceCases: {
    base: '/service-cases',
    routes: {
      open: create(openServiceCaseInput, shape.record('ServiceCase')),
      progress: act(progressServiceCaseInput, shape.record('ServiceCase')),
      resolve: act(resolveServiceCaseInput, shape.record('ServiceCase')),
      close: act(expectedVersionInput, shape.record('ServiceCase')),
      reopen: act(expectedVersionInput, shape.record('ServiceCase')),
      get: get(shape.record('ServiceCase')),
      list: list(serviceCaseListQuery, shape.page('ServiceCase')),
    },
  },
} satisfies Pick<RouteTable, 'leads' | 'opportunities' | 'orders' | 'serviceCases'>;
