import { registerEnumType } from 'type-graphql';
import { EventReportDimension, EventReportScope } from './event-report.logic';

registerEnumType(EventReportDimension, {
  name: 'EventReportDimension',
  description: 'What an event report breaks its events down by.',
  valuesConfig: {
    ENGAGEMENT_LEVEL: { description: 'One row per engagement level (touchpoints, level one, level two, Day of the Young Child).' },
    TYPE: { description: 'One row per event type.' },
    MONTH: { description: 'One row per month of the period (YYYY-MM).' },
    QUARTER: { description: 'One row per calendar quarter of the period (YYYY-Qn).' },
    ZIP: { description: 'One row per zip; in a collaborative report hidden zips are folded into one suppressed row.' },
    AUDIENCE: { description: 'One row per agreed audience, and "Other" for audiences typed by hand that match none of them.' },
    ORGANIZATION: { description: 'One row per organisation (its id). Hub operators only, collaborative scope only.' },
  },
});

registerEnumType(EventReportScope, {
  name: 'EventReportScope',
  description: 'Whose events a report counts.',
  valuesConfig: {
    OWN: { description: 'The caller’s own organisation’s events, in full. Partner staff only.' },
    COLLABORATIVE: {
      description:
        'Every organisation’s events together, with small cells suppressed: hub operators, evaluators, and partner staff while their organisation’s agreement covers event aggregates.',
    },
  },
});

export { EventReportDimension, EventReportScope };
