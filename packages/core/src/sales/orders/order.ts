import { z } from 'zod';
import {
  expectedVersionSchema,
  idSchema,
  oneOrMany,
  optionalText,
  pageSchema,
  type RecordBase,
  text,
} from '../../domain/common.js';
import { type CustomFieldsOf, customFilterInput, customInput } from '../../domain/custom-fields.js';
import { type Channel, channelSchema } from '../../domain/enums.js';
import { zodMessage } from '../../kernel/input-messages.js';
import { currencySchema, type Money, nonNegativeMoneySchema } from '../../kernel/money.js';
import { type CalendarDate, calendarDateSchema, type Instant, instantSchema } from '../../kernel/time.js';
import { skuSchema } from '../products/product.js';
import type { OrderStatus } from './order-machine.js';
import { sayOrder } from './order-messages.js';

export interface OrderLine {
  id: string;
  sku: string;
  description: string | null;
  quantity: number;
  unitPrice: Money;
  shippedQuantity: number;
  /** Serial numbers of the units shipped on this line (needed for after-sales repair and replacement). */
  serials: string[];
  /** Warranty end for the units on this line, set on delivery. */
  warrantyUntil: CalendarDate | null;
}

export interface Order extends RecordBase {
  number: string;
  accountId: string;
  opportunityId: string | null;
  channel: Channel;
  ownerId: string;
  status: OrderStatus;
  lines: OrderLine[];
  currency: string;
  amount: Money;
  promisedDelivery: CalendarDate | null;
  deliveredAt: Instant | null;
  cancelReason: string | null;
  warrantyMonths: number;
  /** The app's own fields (`createCrm({ fields: { order } })`). */
  custom: CustomFieldsOf<'order'>;
}

export const orderLineInput = z.strictObject({
  sku: skuSchema,
  /** Not a catalogue product: the SKU is the app's own code, not checked against the catalogue. */
  freeText: z.literal(true).optional(),
  description: optionalText(500),
  quantity: z.number().int().positive().max(10_000_000),
  unitPrice: nonNegativeMoneySchema,
});
export type OrderLineInput = z.input<typeof orderLineInput>;

export const createOrderFromOpportunityInput = z.strictObject({
  promisedDelivery: calendarDateSchema.optional(),
  warrantyMonths: z.number().int().min(0).max(120).default(12),
  custom: customInput('order'),
});
export type CreateOrderFromOpportunityInput = z.input<typeof createOrderFromOpportunityInput>;

/** Direct orders: distribution sells standard products to dealers without an opportunity. */
export const createDirectOrderInput = z.strictObject({
  accountId: idSchema,
  channel: channelSchema.default('distribution'),
  currency: currencySchema.default('CNY'),
  lines: z
    .array(orderLineInput)
    .min(1, zodMessage(sayOrder('order.invalid.noLines')))
    .max(500),
  promisedDelivery: calendarDateSchema.optional(),
  warrantyMonths: z.number().int().min(0).max(120).default(12),
  ownerId: idSchema.optional(),
  custom: customInput('order'),
});
export type CreateDirectOrderInput = z.input<typeof createDirectOrderInput>;

export const shipInput = z.strictObject({
  lines: z
    .array(
      z.strictObject({
        lineId: idSchema,
        quantity: z.number().int().positive().max(10_000_000),
        serials: z.array(text(100)).max(100_000).default([]),
      }),
    )
    .min(1, zodMessage(sayOrder('order.invalid.shipNothing'))),
  expectedVersion: expectedVersionSchema,
});
export type ShipInput = z.input<typeof shipInput>;
/** The lines of one shipment, after parsing (serials default to none). */
export type Shipment = z.output<typeof shipInput>['lines'];

/** Delivery, by default now; a delivery in the future is refused. */
export const deliverInput = z
  .object({ deliveredAt: instantSchema.optional(), expectedVersion: expectedVersionSchema })
  .default({});
export type DeliverOrderInput = z.input<typeof deliverInput>;

export const cancelOrderInput = z.strictObject({ reason: text(500), expectedVersion: expectedVersionSchema });
export type CancelOrderInput = z.input<typeof cancelOrderInput>;

export const orderListQuery = pageSchema.extend({
  status: oneOrMany(z.string()).optional(),
  ownerId: oneOrMany(idSchema).optional(),
  accountId: oneOrMany(idSchema).optional(),
  opportunityId: oneOrMany(idSchema).optional(),
  custom: customFilterInput('order'),
});
export type OrderListQuery = z.input<typeof orderListQuery>;
