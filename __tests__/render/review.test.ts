// The review comment: its layout on real example plans, text from a plan that tries to break it, and its size limit.

import { describe, expect, it } from '@jest/globals';
import { marked } from 'marked';
import {
  COMMENT_BUDGET,
  renderReview,
  STEP_SUMMARY_BUDGET,
  type ReviewContext,
} from '../../src/render/review.js';
import { byteLength, code, codeBlock, escapeText } from '../../src/render/markdown.js';
import { oktaId, oktaPlan, summarizeFile, summarizeObject } from '../../testkit/plans.js';

const context: ReviewContext = {
  directory: 'orgs/acme',
  workspace: 'default',
  moreAt: 'the job summary',
  budget: COMMENT_BUDGET,
};

describe('the example plans', () => {
  it.each(['pull-request', 'no-changes'])('%s renders as before', async (name) => {
    const summary = await summarizeFile(`examples/plans/${name}.json`);
    expect(renderReview(summary, context).markdown).toMatchSnapshot();
  });

  it('puts high-risk changes first, then the rest, then what changed outside Terraform', async () => {
    const { markdown, detail } = renderReview(
      await summarizeFile('examples/plans/pull-request.json'),
      context,
    );
    expect(detail).toBe('full');
    // The plan part, which an apply compares with its own plan, ends before the context part starts.
    const order = [
      'Plan: 1 to import, 8 to add, 5 to change, 3 to destroy.',
      '| Okta category |',
      '#### High-risk changes (4): high or critical',
      '#### Changes by category',
      '<details><summary>Attribute changes (',
      '#### Changed outside Terraform (2)',
      '<details><summary>Attribute changes outside Terraform (',
    ];
    const positions = order.map((text) => markdown.indexOf(text));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('renders each category as its own paragraph and list, not inside the previous list', async () => {
    const { markdown } = renderReview(await summarizeFile('examples/plans/pull-request.json'), context);
    const html = await marked.parse(markdown, { gfm: true });
    for (const category of ['Users', 'Groups &amp; group rules', 'Applications &amp; assignments', 'Hooks']) {
      expect(html).toContain(`<p><strong>${category}</strong></p>\n<ul>`);
    }
  });

  it('says when there is nothing to do', async () => {
    const { markdown } = renderReview(await summarizeFile('examples/plans/no-changes.json'), context);
    expect(markdown).toContain('**No changes.**');
    expect(markdown).toContain('Changed outside Terraform (1)');
  });
});

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '</details><script>alert(1)</script>',
  '![tracker](https://evil.example/p.png)',
  '[click](javascript:alert(1))',
  'pipes | in | names',
  '```fence``` and `ticks`',
  '@acme/admins please approve',
  'fixes #123',
  'line one\nline two\r\n# heading',
  '**bold** _em_ ~~strike~~',
  '&lt;entity&gt; &#60;',
  'x'.repeat(10_000),
];

describe('names that try to break the review', () => {
  const objects = HOSTILE.map((name, i) => ({
    type: 'okta_group',
    name: `g${i}`,
    key: name,
    before: null,
    after: { id: null, name, description: name },
    unknown: ['id'],
  }));

  it('stay text once rendered: no HTML, no images or links, no mentions, no broken tables or fences', async () => {
    const summary = await summarizeObject(oktaPlan({ objects }));
    const { markdown } = renderReview(summary, context);
    // Render as GitHub would (GitHub-flavoured markdown, raw HTML passed through) and look at what came out.
    const html = await marked.parse(markdown, { gfm: true });
    expect(html).not.toMatch(/<img|<script|<a /);
    expect(html.match(/<\/details>/g)).toHaveLength(1);
    expect(html.match(/<table>/g)).toHaveLength(1);
    const outsideCode = html.replace(/<pre>[\s\S]*?<\/pre>|<code>[\s\S]*?<\/code>/g, '');
    expect(outsideCode).not.toMatch(/@acme|#123|<strong>bold|<em>em|<del>/);
    expect(outsideCode).not.toContain('x'.repeat(200));
    // Every name is one list item.
    expect(html.match(/<li>Added/g)).toHaveLength(HOSTILE.length);
    // The diff's fence is never closed early by a name: one code block holds every attribute line.
    expect(html.match(/<pre>/g)).toHaveLength(1);
  });

  it('escape each markdown construct', () => {
    expect(escapeText('a|b')).toBe('a\\|b');
    expect(escapeText('<b>')).toBe('&lt;b&gt;');
    expect(escapeText('@team')).toBe('@\u200bteam');
    // GitHub mentions an @ only at the start or after a non-word character: an email reads exactly as itself.
    expect(escapeText('alice@example.com')).toBe('alice@example.com');
    expect(escapeText('first.last+okta@example.com')).toBe('first.last+okta@example.com');
    expect(escapeText('cc: @team, (@ops) x_@y')).toBe('cc: @\u200bteam, (@\u200bops) x\\_@y');
    expect(escapeText('*x* _y_ [z]')).toBe('\\*x\\* \\_y\\_ \\[z\\]');
    expect(escapeText('&amp;')).toBe('&amp;amp;');
    expect(escapeText('AT&T')).toBe('AT&T');
    expect(code('a`b')).toBe('``a`b``');
    expect(code('`x')).toBe('`` `x ``');
    expect(codeBlock(['```', 'x'])).toBe('````\n```\nx\n````');
  });
});

describe('size', () => {
  function bigPlan(count: number, attributes: number) {
    const wide = (v: string) =>
      Object.fromEntries(Array.from({ length: attributes }, (_, a) => [`attribute_${a}`, `${v} ${a}`]));
    return oktaPlan({
      objects: Array.from({ length: count }, (_, i) => {
        const before = { id: oktaId('00u', i), login: `user${i}@acme.example`, ...wide('old') };
        return { type: 'okta_user', name: 'all', key: `u${i}`, before, after: { ...before, ...wide('new') } };
      }),
    });
  }

  it('keeps everything when it fits', async () => {
    const { markdown, detail } = renderReview(await summarizeObject(bigPlan(20, 3)), context);
    expect(detail).toBe('full');
    expect(markdown).toContain('attribute_2');
  });

  it('drops the attribute diff first, and says where it is', async () => {
    const { markdown, detail } = renderReview(await summarizeObject(bigPlan(300, 30)), context);
    expect(detail).toBe('names');
    expect(byteLength(markdown)).toBeLessThanOrEqual(COMMENT_BUDGET);
    expect(markdown).toContain('user299@');
    expect(markdown).toMatch(/Attribute-level changes are left out .* they are in the job summary/);
  });

  it('then the names, keeping the counts, and says where they are', async () => {
    const summary = await summarizeObject(bigPlan(5000, 2));
    const { markdown, detail } = renderReview(summary, context);
    expect(detail).toBe('counts');
    expect(byteLength(markdown)).toBeLessThanOrEqual(COMMENT_BUDGET);
    expect(markdown).toContain('Plan: 0 to add, 5000 to change, 0 to destroy.');
    expect(markdown).toContain('| Users | 0 | 5000 |');
    expect(markdown).toMatch(
      /The 5,000 objects by name and their attribute changes are left out .* the job summary/,
    );
    // The job summary has room for more.
    expect(renderReview(summary, { ...context, budget: STEP_SUMMARY_BUDGET }).detail).toBe('names');
  });

  it('never goes over the budget, however small', async () => {
    const summary = await summarizeFile('examples/plans/pull-request.json');
    for (const budget of [400, 1000, 2500])
      expect(byteLength(renderReview(summary, { ...context, budget }).markdown)).toBeLessThanOrEqual(budget);
  });
});
