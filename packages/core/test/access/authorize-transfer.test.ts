import { describe, expect, it } from 'vitest';
import { authorizeTransfer } from '../../src/index.js';
import { org, USERS } from './org-fixture.js';

describe('authorizeTransfer', () => {
  it('lets an admin move anyone’s records to an active user', () => {
    expect(authorizeTransfer(org, USERS.admin, 'r3', 'r1')).toEqual({ allowed: true });
  });

  it('lets a manager above both users, or a manager taking the records personally', () => {
    expect(authorizeTransfer(org, USERS.m1, 'left', 'r1')).toEqual({ allowed: true });
    expect(authorizeTransfer(org, USERS.gm, 'r1', 'r3')).toEqual({ allowed: true });
    expect(authorizeTransfer(org, USERS.m1, 'left', 'm1')).toEqual({ allowed: true });
  });

  it('refuses a manager whose team does not contain both sides', () => {
    expect(authorizeTransfer(org, USERS.m1, 'r1', 'r3')).toMatchObject({
      allowed: false,
      reason: '经理甲 must be above 销售员甲 and have 销售员丙 in their own team',
    });
    expect(authorizeTransfer(org, USERS.m2, 'r1', 'r3').allowed).toBe(false);
  });

  it('refuses owners, inactive actors, self-transfers and inactive or unknown receivers', () => {
    expect(authorizeTransfer(org, USERS.r1, 'r1', 'r2').allowed).toBe(false);
    expect(authorizeTransfer(org, { ...USERS.admin, active: false }, 'r1', 'r2').allowed).toBe(false);
    expect(authorizeTransfer(org, USERS.admin, 'r1', 'r1')).toMatchObject({
      allowed: false,
      reason: 'records cannot be transferred to their current owner',
    });
    expect(authorizeTransfer(org, USERS.admin, 'r1', 'left')).toMatchObject({
      allowed: false,
      reason: '离职员工 is no longer active and cannot receive records',
    });
    expect(authorizeTransfer(org, USERS.admin, 'r1', 'ghost').allowed).toBe(false);
    expect(authorizeTransfer(org, USERS.admin, 'ghost', 'r1').allowed).toBe(false);
  });
});
