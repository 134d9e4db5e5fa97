/** The inputs the SQLite command bench and its profiler give every logContact and convert. */
export const contact = {
  kind: 'call' as const,
  at: '2026-03-02T10:00:00+08:00',
  outcome: { metWith: '王工', opinion: 'positive' as const, summary: '招标下月发布, 需要方案' },
};

export const convertInput = {
  account: { kind: 'system_integrator' as const },
  requiredDelivery: '2026-06-30',
  region: { province: '37' },
};
