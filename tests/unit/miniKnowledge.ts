import { Classifier, Lexicon } from '../../server/src/core';
import type { Model } from '../../server/src/core/model';
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

/**
 * Weights written by hand, so that core tests read like the knowledge base above: a strong phrase
 * counts 3, a weak one 1, naming a role as a partner counts against it, and an item with no
 * evidence leans to "shared". Every item is a duty unless its section says otherwise.
 */
export const miniModel: Model = {
  version: 1,
  owner: { classes: ['cto', 'cio', 'shared'], bias: [0, 0, 1], tied: { 'kb-strong': 3, 'kb-weak': 1, collab: -2 }, features: [], weights: [] },
  kind: { bias: 3, features: [], weights: [] },
};

export function miniClassifier(): Classifier {
  return new Classifier(new Lexicon(miniKnowledge), miniModel);
}
