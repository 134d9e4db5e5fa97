import {
  activityMachine,
  leadMachine,
  lifecycleDiagram,
  OPPORTUNITY_CHANNELS,
  opportunityMachines,
  orderMachine,
  pipelineName,
  serviceCaseMachine,
} from '@gongfu/core';

const section = (title: string, what: string, diagram: string) =>
  `## ${title}\n\n${what}\n\n\`\`\`mermaid\n${diagram}\n\`\`\`\n`;

/** The lifecycle page: one diagram per machine, generated from the machines that decide. */
export function lifecyclesMarkdown(): string {
  const parts = [
    '# Lifecycles\n',
    'Generated from the compiled machines by `npm run docs:diagrams`; a test fails when this page and',
    'the code disagree. An arrow is a move the machine accepts; the gates in brackets must hold (their',
    'refusal reasons are what the salesperson reads). Anything not drawn is refused with a reason.\n',
    section('Lead', 'From inquiry to conversion.', lifecycleDiagram(leadMachine)),
    ...OPPORTUNITY_CHANNELS.map((channel) =>
      section(
        `Opportunity — ${pipelineName(channel)}`,
        `The \`${channel}\` channel's pipeline.`,
        lifecycleDiagram(opportunityMachines[channel]),
      ),
    ),
    section('Order', 'From the won deal to delivery and closing.', lifecycleDiagram(orderMachine)),
    section('Service case', 'Repair and replacement after delivery.', lifecycleDiagram(serviceCaseMachine)),
    section('Activity', 'A visit, call or meeting on the calendar.', lifecycleDiagram(activityMachine)),
  ];
  return `${parts.join('\n')}`;
}
