import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { analyzePosting, Classifier, Lexicon } from '../../server/src/core';
import { builtinKnowledge, builtinModel, COMBINED_KNOWLEDGE_FILE, loadKnowledgeDir, loadModelDir, readKnowledgeFiles } from '../../server/src/knowledge/builtin';
import { writeValidatedKnowledge } from '../../server/src/knowledge/combine';
import { loadBuiltinKnowledge } from '../../server/src/knowledge/loader';

const knowledge = builtinKnowledge();
const classifier = new Classifier(new Lexicon(knowledge), builtinModel());

describe('the built-in knowledge base', () => {
  it('has the five roles, each with duty areas, sources and a one-line focus', () => {
    assert.deepEqual(knowledge.roles.map((r) => r.id).sort(), ['cdo', 'cio', 'ciso', 'cpo', 'cto']);
    for (const role of knowledge.roles) {
      assert.ok(role.areas.length >= 5, `${role.id} has few areas`);
      assert.ok(!role.focus.includes('\n'), `${role.id} focus is one line`);
      assert.ok(role.titles.length >= 3, `${role.id} has few titles`);
    }
    const sourceIds = new Set(knowledge.sources.map((s) => s.id));
    for (const id of ['cto', 'cio', 'cpo']) {
      const role = knowledge.roles.find((r) => r.id === id)!;
      assert.ok(role.sources.length > 0 && role.sources.every((s) => sourceIds.has(s)), `${id} cites the seed articles`);
    }
  });

  it('gives every area a counterpart in each other role', () => {
    for (const role of knowledge.roles) {
      for (const area of role.areas) {
        const others = knowledge.roles.filter((r) => r.id !== role.id).map((r) => r.id).sort();
        assert.deepEqual(Object.keys(area.counterparts).sort(), others, `${role.id}/${area.id}`);
      }
    }
  });

  it('judges every canonical duty as its own role\'s', () => {
    for (const role of knowledge.roles) {
      for (const area of role.areas) {
        for (const duty of area.duties) {
          const judgement = classifier.judge(duty);
          assert.equal(judgement.owner, role.id, `"${duty}" (${role.id}/${area.id}) was judged ${judgement.decision} ${judgement.owner ?? ''}`);
        }
      }
    }
  });

  it('never gives an owner to the shared duties it lists', () => {
    for (const area of knowledge.common.filter((a) => a.kind === 'shared')) {
      for (const duty of area.duties) assert.notEqual(classifier.judge(duty).decision, 'owner', duty);
    }
  });

  it('maps the documented title aliases to their roles', () => {
    const cases: Array<[string, string]> = [
      ['VP of Engineering', 'cto'],
      ['Head of Product', 'cpo'],
      ['VP of Product', 'cpo'],
      ['IT Director', 'cio'],
      ['Head of IT', 'cio'],
      ['VP of IT', 'cio'],
      ['Chief Information Security Officer', 'ciso'],
      ['Head of Data', 'cdo'],
      ['GITO, Provincial Department of Transport', 'cio'],
    ];
    for (const [title, role] of cases) assert.deepEqual(analyzePosting(`# ${title}`, classifier).roles, [role], title);
  });

  it('drops a stop word only as written, never another word with the same key ("notes" is not "not")', () => {
    const lexicon = new Lexicon(builtinKnowledge());
    const phrases = (text: string) => lexicon.findPhrases(text).map((hit) => hit.phrase);
    assert.ok(!phrases('Plan the next release of the mobile app').includes('release notes'));
    assert.ok(phrases('Publish the release notes every sprint').includes('release notes'));
    const content = (text: string) => lexicon.words(text).filter((w) => !w.stop).length;
    assert.equal(content('Group the requests into themes'), 3);
    assert.equal(content('Leads and oversees the roles that were included'), 0);
  });

  it('throws every problem at once when a shipped file is broken', () => {
    const files = readKnowledgeFiles().map((f) => (f.path === 'roles/cto.yaml' ? { ...f, text: f.text.replace('abbreviation: CTO', 'abbreviation: 42') } : f));
    assert.throws(() => loadBuiltinKnowledge(files), /roles\/cto\.yaml: abbreviation: Invalid input: expected string, received number/);
  });
});

describe('the classifier on single sentences', () => {
  const owner = (text: string) => {
    const j = classifier.judge(text);
    return j.decision === 'owner' ? j.owner : j.decision;
  };

  it('names the owner of clear duties, whatever the wording', () => {
    const cases: Array<[string, string]> = [
      ['Own the ERP and CRM rollout', 'cio'],
      ['Spearhead the replacement of our line-of-business systems', 'cio'],
      ['Run the IT service desk and keep employee laptops patched', 'cio'],
      ['Negotiate software licences and renewals with our IT vendors', 'cio'],
      ['Set the pricing and packaging strategy', 'cpo'],
      ['Steward the product roadmap and decide what we build next', 'cpo'],
      ['Plan the go-to-market for new product launches with marketing', 'cpo'],
      ['Lead user research and customer discovery', 'cpo'],
      ['Define the technical architecture and tech stack of our platform', 'cto'],
      ['Grow the engineering organization from 20 to 60 engineers', 'cto'],
      ['Own uptime, SLOs and the on-call rotation for the product', 'cto'],
      ['Build the security operations centre and lead incident response', 'ciso'],
      ['Get us through SOC 2 Type II and ISO 27001 certification', 'ciso'],
      ['Roll out identity and access management with least-privilege access', 'ciso'],
      ['Establish data governance and data stewardship across domains', 'cdo'],
      ['Own master data management and data quality', 'cdo'],
      ['Raise data literacy across the business', 'cdo'],
      ['The CIO will run the ERP, the CRM and the service desk', 'cio'],
      ['As CISO, lead incident response and the SOC', 'ciso'],
      ['Partner with Sales and Marketing to set the pricing tiers', 'cpo'],
      ['Provide employees with IT support and laptops', 'cio'],
    ];
    for (const [text, role] of cases) assert.equal(owner(text), role, text);
  });

  it('never names an owner for duties every executive shares', () => {
    const shared = [
      'Manage the department budget and headcount plan',
      'Hire, mentor and retain your direct reports',
      'Report to the CEO and present to the board each quarter',
      'Align technology investments with business goals',
      'Work across functions with sales, finance and operations',
      'Oversee cybersecurity across the function',
      'Partner with the CIO on ERP integrations',
      'Work closely with the CPO to shape the roadmap',
      'Support the CISO\'s audit programme',
      'Help the CISO gather evidence for the SOC 2 audit',
      'Work hand in hand with the CFO on the annual budget',
      'Build strong working relationships with the IT department',
      'Lead the business development team',
    ];
    for (const text of shared) assert.notEqual(classifier.judge(text).decision, 'owner', text);
  });

  it('gives the parts of a security program to the CISO and keeping things secure to every leader (rule 4)', () => {
    assert.equal(owner('Design the security systems that guard the plant network and tune them each quarter'), 'ciso');
    assert.equal(owner('Stand up a network security center for the regional offices'), 'ciso');
    assert.equal(owner('Keep our systems and data secure'), 'shared');
  });

  it('judges work done with a function\'s team by the work, not by the team', () => {
    const cases: Array<[string, string]> = [
      ['Oversee SOC 2 compliance together with the security team', 'ciso'],
      ['Be a trusted partner to product management on pricing', 'cpo'],
      ['Coordinate with the IT team on the rollout of the new ERP', 'cio'],
      ['Work with the data engineering team to set data quality rules', 'cdo'],
    ];
    for (const [text, role] of cases) assert.equal(owner(text), role, text);
  });

  it('does not treat education, experience, industry or location as a role duty', () => {
    for (const text of ['10+ years of experience in B2B SaaS', 'A degree in computer science or equivalent', 'Based in London, with some travel', 'Full UK driving licence', 'Experience in retail or consumer packaged goods']) {
      assert.notEqual(classifier.judge(text).decision, 'owner', text);
    }
  });

  it('gives the same judgement for the same text every time', () => {
    const text = 'Own the ERP and CRM rollout';
    assert.deepEqual(new Classifier(new Lexicon(knowledge), builtinModel()).judge(text), classifier.judge(text));
  });
});

describe('the files the build writes beside the bundle', () => {
  const sourceDir = path.resolve(__dirname, '..', '..', 'server', 'src', 'knowledge');
  const outDir = path.resolve(__dirname, '..', '..', 'server', 'out', 'knowledge');
  const built = fs.existsSync(path.join(outDir, COMBINED_KNOWLEDGE_FILE)) ? false : 'not built: run npm run build';

  it('hold the knowledge base of the YAML files, as its schema reads them', { skip: built }, () => {
    assert.deepEqual(loadKnowledgeDir(outDir), loadBuiltinKnowledge(readKnowledgeFiles()));
  });

  it('hold the model as its schema reads it', { skip: built }, () => {
    assert.deepEqual(loadModelDir(outDir), loadModelDir(sourceDir));
  });

  it('are never written from a knowledge base its schema refuses', () => {
    const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'rolefit-build-'));
    try {
      fs.cpSync(sourceDir, path.join(temp, 'src'), { recursive: true, filter: (src) => !src.endsWith('.ts') });
      fs.mkdirSync(path.join(temp, 'out'));
      const roleFile = path.join(temp, 'src', 'roles', 'cio.yaml');
      fs.writeFileSync(roleFile, fs.readFileSync(roleFile, 'utf8').replace(/^id: cio$/m, 'id: Chief Information Officer'));
      assert.throws(() => writeValidatedKnowledge(path.join(temp, 'src'), path.join(temp, 'out')), /built-in knowledge base is invalid[\s\S]*kebab-case/);
      assert.deepEqual(fs.readdirSync(path.join(temp, 'out')), []);
    } finally {
      fs.rmSync(temp, { recursive: true, force: true });
    }
  });
});
