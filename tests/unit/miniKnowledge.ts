import { Classifier, Lexicon } from '../../server/src/core';
import { KnowledgeBaseSchema, type KnowledgeBase } from '../../server/src/knowledge/schema';

/** A small knowledge base written inline, so core tests do not depend on the shipped role data. */
export const miniKnowledge: KnowledgeBase = KnowledgeBaseSchema.parse({
  sources: [{ id: 'article', title: 'An article', url: 'https://example.com/article' }],
  stopWords: ['the', 'and', 'of', 'our', 'a', 'to', 'for', 'with', 'on', 'own', 'lead', 'manage', 'run', 'we', 'you', 'will', 'in'],
  collaborationVerbs: ['partner with', 'work with', 'collaborate with'],
  roles: [
    {
      id: 'cto',
      name: 'Chief Technology Officer',
      abbreviation: 'CTO',
      titles: ['VP of Engineering', 'Head of Engineering'],
      focus: 'The technology the company sells.',
      reportsTo: 'CEO',
      areas: [
        {
          id: 'architecture',
          name: 'Product architecture',
          summary: 'The design of the product.',
          evidence: { strong: ['architecture', 'tech stack'], weak: ['platform'] },
          duties: ['Own the architecture of the product platform.'],
          counterparts: { cio: 'business-systems' },
          sources: ['article'],
        },
        {
          id: 'engineering',
          name: 'Engineering organization',
          summary: 'The engineers who build the product.',
          evidence: { strong: ['engineering team', 'engineers'], weak: [] },
          duties: ['Grow the engineering team.'],
        },
      ],
    },
    {
      id: 'cio',
      name: 'Chief Information Officer',
      abbreviation: 'CIO',
      titles: ['Head of IT', 'IT Director'],
      focus: 'The technology the company runs on.',
      reportsTo: 'CEO',
      areas: [
        {
          id: 'business-systems',
          name: 'Business systems',
          summary: 'ERP and CRM.',
          evidence: { strong: ['erp', 'crm'], weak: ['systems'] },
          duties: ['Run the ERP and CRM that finance and sales use.'],
          counterparts: { cto: 'architecture' },
          sources: ['article'],
        },
        {
          id: 'service-desk',
          name: 'IT service desk',
          summary: 'Help for employees.',
          evidence: { strong: ['service desk', 'help desk', 'laptops', 'itil'], weak: [] },
          duties: ['Run the IT service desk.'],
          counterparts: { cto: 'engineering' },
        },
      ],
    },
  ],
  common: [
    { id: 'budget', kind: 'shared', name: 'Own budget', summary: 'Any executive has one.', evidence: { strong: ['budget', 'headcount'], weak: ['board'] }, duties: ['Own the budget of your department.'] },
    { id: 'people', kind: 'shared', name: 'Own leaders', summary: 'Hiring one\'s own reports.', evidence: { strong: ['mentor', 'direct reports'], weak: ['hire'] }, duties: [] },
    { id: 'experience', kind: 'neutral', name: 'Experience', summary: 'Years and industries.', evidence: { strong: ['years', 'saas'], weak: [] }, duties: [] },
  ],
});

export function miniClassifier(): Classifier {
  return new Classifier(new Lexicon(miniKnowledge));
}
