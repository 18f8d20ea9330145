// Issues and the changed files of a pull request, for github-repo.ts, answering with GitHub's shapes. Issues
// and pull requests share numbers in a repository, as on GitHub: a new issue takes the next number above
// 99 and above every number the test has used, and its comments and labels live in github-repo.ts's stores.

import { createHash } from 'node:crypto';
import type { Call, Login, Reply } from './github-repo.js';

export interface FakeIssue {
  number: number;
  title: string;
  /** '' for an issue GitHub would answer with `body: null` */
  body: string;
  state: 'open' | 'closed';
  labels: string[];
  user: Login;
}

/** What github-repo.ts lends these handlers. */
export interface RepoKit {
  owner: string;
  repo: string;
  /** who the token is */
  self: Login;
  repoApi(): string;
  now(): string;
  newId(): number;
  userJson(user: Login): Record<string, unknown>;
  authorAssociation(user: Login): string;
  error(call: Pick<Call, 'docs'>, status: number, message: string, errors?: unknown[]): Reply;
  /** an issue with every field GitHub documents as required, `patch` laid over it */
  sampleIssue(patch: Record<string, unknown>): unknown;
  labelsJson(issue: number): unknown[];
  labelNames(issue: number): string[];
  /** replaces the labels on an issue or pull request, creating those the repository lacks, as GitHub does */
  setLabels(issue: number, names: string[]): void;
  commentCount(issue: number): number;
  /** issue and pull request numbers the test has used so far (comments, labels, pulls of commits) */
  numbersInUse(): number[];
  paginate(call: Call, items: unknown[]): Reply;
}

type StateReason = 'completed' | 'not_planned' | 'duplicate' | 'reopened';

interface StoredIssue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason: StateReason | null;
  user: Login;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  closed_by: Login | null;
}

type Handler = (call: Call, p: Record<string, unknown>) => Reply;

const FIRST_ISSUE = 100;
// Fields of a write the fake has nothing to resolve against: no milestones, issue types or fields, and no
// user it could assign. GitHub answers 422 for a value that names none, so the fake does for every value.
const UNRESOLVABLE = ['assignee', 'assignees', 'milestone', 'type', 'issue_field_values'];
const REACTIONS = { '+1': 0, '-1': 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 };
const SORT_KEYS = ['created', 'updated', 'comments'] as const;

export function createIssues(kit: RepoKit) {
  const { owner, repo } = kit;
  const issues: StoredIssue[] = [];
  const pullFiles = new Map<number, string[]>();
  const find = (n: unknown) => issues.find((i) => i.number === n);
  const invalid = (call: Call, field: string, code = 'invalid') =>
    kit.error(call, 422, 'Validation Failed', [{ resource: 'Issue', code, field }]);

  function issueJson(i: StoredIssue, single: boolean): unknown {
    const url = `${kit.repoApi()}/issues/${i.number}`;
    return kit.sampleIssue({
      url,
      repository_url: kit.repoApi(),
      labels_url: `${url}/labels{/name}`,
      comments_url: `${url}/comments`,
      events_url: `${url}/events`,
      html_url: `https://github.com/${owner}/${repo}/issues/${i.number}`,
      id: i.id,
      node_id: `I_kwDO${Buffer.from(String(i.id)).toString('base64url')}`,
      number: i.number,
      title: i.title,
      user: kit.userJson(i.user),
      labels: kit.labelsJson(i.number),
      state: i.state,
      locked: false,
      assignee: null,
      assignees: [],
      milestone: null,
      comments: kit.commentCount(i.number),
      created_at: i.created_at,
      updated_at: i.updated_at,
      closed_at: i.closed_at,
      author_association: kit.authorAssociation(i.user),
      active_lock_reason: null,
      sub_issues_summary: { total: 0, completed: 0, percent_completed: 0 },
      issue_dependencies_summary: { blocked_by: 0, total_blocked_by: 0, blocking: 0, total_blocking: 0 },
      body: i.body,
      // Only the single-issue answers say who closed it.
      ...(single && { closed_by: i.closed_by && kit.userJson(i.closed_by) }),
      reactions: { url: `${url}/reactions`, total_count: 0, ...REACTIONS },
      timeline_url: `${url}/timeline`,
      performed_via_github_app: null,
      state_reason: i.state_reason,
    });
  }

  /** the first field of a write the fake cannot honour, as GitHub's 422 names it */
  function unresolvable(call: Call): Reply | undefined {
    const body = isRecord(call.body) ? call.body : {};
    const named = UNRESOLVABLE.find((key) => {
      const value = body[key];
      return value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
    });
    return named === undefined ? undefined : invalid(call, named);
  }

  function wantedLabels(value: unknown): string[] | undefined {
    if (!Array.isArray(value)) return undefined;
    return value
      .map((v: unknown) => (typeof v === 'string' ? v : String(field(v, 'name') ?? '')))
      .filter((name) => name !== '');
  }

  function listed(p: Record<string, unknown>): StoredIssue[] {
    const state = String(p['state'] ?? 'open');
    const labels = p['labels'] === undefined ? [] : String(p['labels']).split(',');
    // Every label named must be on the issue (names compare case-insensitively, like label names on GitHub).
    const wanted = labels.map((l) => l.trim().toLowerCase()).filter((l) => l !== '');
    const creator = p['creator'] === undefined ? undefined : String(p['creator']).toLowerCase();
    const since = p['since'] === undefined ? 0 : Date.parse(String(p['since']));
    const mentioned = p['mentioned'] === undefined ? undefined : `@${String(p['mentioned']).toLowerCase()}`;
    // No issue here has a milestone, assignee, type or field value: "none" keeps all, anything else none.
    const unmatchable = ['milestone', 'assignee', 'type', 'issue_field_values'].some(
      (key) => p[key] !== undefined && p[key] !== 'none',
    );
    if (unmatchable) return [];
    return issues.filter((i) => {
      const on = kit.labelNames(i.number).map((l) => l.toLowerCase());
      return (
        (state === 'all' || i.state === state) &&
        wanted.every((l) => on.includes(l)) &&
        (creator === undefined || i.user.login.toLowerCase() === creator) &&
        Date.parse(i.updated_at) >= since &&
        (mentioned === undefined || `${i.title}\n${i.body ?? ''}`.toLowerCase().includes(mentioned))
      );
    });
  }

  function sorted(found: StoredIssue[], p: Record<string, unknown>): StoredIssue[] {
    const by = SORT_KEYS.find((key) => key === p['sort']) ?? 'created';
    const sign = p['direction'] === 'asc' ? 1 : -1;
    const key = (i: StoredIssue) =>
      by === 'comments'
        ? kit.commentCount(i.number)
        : Date.parse(by === 'created' ? i.created_at : i.updated_at);
    // Timestamps have whole seconds, so ties are common: the older issue counts as the smaller.
    return [...found].sort((a, b) => sign * (key(a) - key(b) || a.number - b.number));
  }

  const handlers: Record<string, Handler> = {
    'issues/list-for-repo': (call, p) =>
      kit.paginate(
        call,
        sorted(listed(p), p).map((i) => issueJson(i, false)),
      ),
    'issues/get': (call, p) => {
      const issue = find(p['issue_number']);
      return issue ? { status: 200, body: issueJson(issue, true) } : kit.error(call, 404, 'Not Found');
    },
    'issues/create': (call) => {
      const title = String(field(call.body, 'title') ?? '');
      if (title.trim() === '') return invalid(call, 'title', 'missing_field');
      const refused = unresolvable(call);
      if (refused) return refused;
      const at = kit.now();
      const used = [...kit.numbersInUse(), ...pullFiles.keys(), ...issues.map((i) => i.number)];
      const number = Math.max(FIRST_ISSUE - 1, ...used) + 1;
      const body = field(call.body, 'body');
      const issue: StoredIssue = {
        id: kit.newId(),
        number,
        title,
        body: typeof body === 'string' ? body : null,
        state: 'open',
        state_reason: null,
        user: { ...kit.self },
        created_at: at,
        updated_at: at,
        closed_at: null,
        closed_by: null,
      };
      issues.push(issue);
      kit.setLabels(number, wantedLabels(field(call.body, 'labels')) ?? []);
      const created = issueJson(issue, true);
      return { status: 201, body: created, headers: { location: String(field(created, 'url')) } };
    },
    'issues/update': (call, p) => {
      const issue = find(p['issue_number']);
      if (!issue) return kit.error(call, 404, 'Not Found');
      const refused = unresolvable(call);
      if (refused) return refused;
      const change = (isRecord(call.body) ? call.body : {}) as Partial<Record<string, unknown>>;
      const title = change['title'];
      if (title !== undefined && title !== null && String(title).trim() === '') {
        return invalid(call, 'title', 'missing_field');
      }
      const state = change['state'] as StoredIssue['state'] | undefined;
      const reason = (change['state_reason'] ?? undefined) as StateReason | undefined;
      // state_reason only counts with a change of state, and must fit the new state.
      const moving = state !== undefined && state !== issue.state;
      const fits = state === 'open' ? reason === undefined || reason === 'reopened' : reason !== 'reopened';
      if (moving && !fits) return invalid(call, 'state_reason');
      const duplicateOf = change['duplicate_issue_id'];
      const original = duplicateOf === undefined || issues.some((i) => i.id === duplicateOf);
      if (moving && reason === 'duplicate' && !original) return invalid(call, 'duplicate_issue_id');

      const at = kit.now();
      if (title !== undefined && title !== null) issue.title = String(title);
      if (change['body'] !== undefined) issue.body = change['body'] as string | null;
      if (moving && state === 'closed') {
        Object.assign(issue, {
          state,
          state_reason: reason ?? 'completed',
          closed_at: at,
          closed_by: { ...kit.self },
        });
      } else if (moving) {
        Object.assign(issue, { state, state_reason: 'reopened', closed_at: null, closed_by: null });
      }
      const labels = wantedLabels(change['labels']);
      if (labels) kit.setLabels(issue.number, labels);
      if (Object.keys(change).length > 0) issue.updated_at = at;
      return { status: 200, body: issueJson(issue, true) };
    },
    'pulls/list-files': (call, p) => {
      const pull = Number(p['pull_number']);
      // A pull request the test gave no files changes none (a test of a missing one uses failNext).
      const files = pullFiles.get(pull) ?? [];
      // GitHub lists at most 3000 files of a pull request.
      return kit.paginate(
        call,
        files.slice(0, 3000).map((f) => fileJson(pull, f)),
      );
    },
  };

  function fileJson(pull: number, filename: string): unknown {
    const head = sha1(`${owner}/${repo}#${pull}`);
    const path = filename.split('/').map(encodeURIComponent).join('/');
    return {
      sha: sha1(`blob ${filename}`),
      filename,
      status: 'modified',
      additions: 1,
      deletions: 1,
      changes: 2,
      blob_url: `https://github.com/${owner}/${repo}/blob/${head}/${path}`,
      raw_url: `https://github.com/${owner}/${repo}/raw/${head}/${path}`,
      contents_url: `${kit.repoApi()}/contents/${path}?ref=${head}`,
      patch: '@@ -1 +1 @@\n-before\n+after',
    };
  }

  return {
    handlers,
    issues: (): FakeIssue[] =>
      issues.map((i) => ({
        number: i.number,
        title: i.title,
        body: i.body ?? '',
        state: i.state,
        labels: kit.labelNames(i.number),
        user: { ...i.user },
      })),
    setPullFiles(pull: number, files: string[]): void {
      const bad = files.find((f) => f === '' || f.startsWith('/') || f.split('/').includes('..'));
      if (bad !== undefined) throw new Error(`setPullFiles: "${bad}" is not a repository-relative path`);
      pullFiles.set(pull, [...files]);
    },
  };
}

/** `patch` laid over `base`, object by object, so a sample keeps the required fields the patch leaves out */
export function merge(base: unknown, patch: Record<string, unknown>): unknown {
  const out: Record<string, unknown> = { ...(isRecord(base) ? base : {}) };
  for (const [key, value] of Object.entries(patch)) {
    out[key] = isRecord(value) && isRecord(out[key]) ? merge(out[key], value) : value;
  }
  return out;
}

export function field(value: unknown, name: string): unknown {
  return isRecord(value) ? value[name] : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
