// Who did what on a pull request, for github-repo.ts: the issue events (`labeled` / `unlabeled`, with their actor
// and time), the collaborators' permission levels, a pull request's author, commits and reviews, answering with
// the shapes GitHub's REST API documents (each answer laid over the description's own example, then checked).

import type { Call, Login, Reply } from './github-repo.js';

export type Role = 'admin' | 'maintain' | 'write' | 'triage' | 'read';

export interface PullActivity {
  /** a label added or removed, as the issue's events list it */
  labelEvent(issue: number, label: string, event: 'labeled' | 'unlabeled', actor: Login): void;
  setPermission(login: string, role: Role): void;
  setPullAuthor(pull: number, author: Login): void;
  author(pull: number): Login | undefined;
  /**
   * each commit's author and committer (GitHub users; null for an email GitHub does not know) and its message
   * (Co-authored-by: trailers live there)
   */
  setPullCommits(pull: number, commits: PullCommit[]): void;
  /** a review, on `commitId` (default: the pull request's head now); returns its id */
  addReview(
    pull: number,
    user: Login,
    state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED',
    options?: { commitId?: string },
  ): number;
  /** a dismissal by a maintainer: GitHub lists the review as DISMISSED from then on */
  dismissReview(pull: number, id: number): void;
  readonly handlers: Record<string, (call: Call, p: Record<string, unknown>) => Reply>;
}

export interface PullCommit {
  author: Login | null;
  committer: Login | null;
  message?: string;
}

export interface ActivityKit {
  now(): string;
  /** the pull request's head commit now (github-runs.ts) */
  pullHead(pull: number): string;
  newId(): number;
  userJson(user: Login): Record<string, unknown>;
  repoApi(): string;
  htmlRepo: string;
  sample(method: string, template: string): Record<string, unknown>;
  labelColor(name: string): string;
  error(call: Pick<Call, 'docs'>, status: number, message: string): Reply;
  paginate(call: Call, items: unknown[]): Reply;
}

interface LabelEvent {
  id: number;
  issue: number;
  label: string;
  event: 'labeled' | 'unlabeled';
  actor: Login;
  at: string;
}

// GitHub's permission field keeps the old names: maintain reads as write, triage as read.
const LEGACY: Record<Role, string> = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read',
};

export function createPullActivity(kit: ActivityKit): PullActivity {
  const events: LabelEvent[] = [];
  const roles = new Map<string, Role>();
  const authors = new Map<number, Login>();
  const commits = new Map<number, PullCommit[]>();
  const reviews = new Map<
    number,
    Array<{ id: number; user: Login; state: string; at: string; commitId: string }>
  >();
  const sha = (n: number) => n.toString(16).padStart(40, '0');

  const handlers: PullActivity['handlers'] = {
    'issues/list-events': (call, p) => {
      const issue = Number(p['issue_number']);
      const listed = events
        .filter((e) => e.issue === issue)
        .map((e) => ({
          ...kit.sample('GET', '/repos/{owner}/{repo}/issues/{issue_number}/events'),
          id: e.id,
          node_id: `LE_${e.id}`,
          url: `${kit.repoApi()}/issues/events/${e.id}`,
          actor: kit.userJson(e.actor),
          event: e.event,
          commit_id: null,
          commit_url: null,
          created_at: e.at,
          performed_via_github_app: null,
          label: { name: e.label, color: kit.labelColor(e.label) },
        }));
      return kit.paginate(call, listed);
    },
    'repos/get-collaborator-permission-level': (call, p) => {
      const login = String(p['username']);
      const role = roles.get(login.toLowerCase());
      if (!role) return kit.error(call, 404, `${login} is not a user`);
      const user = { ...kit.userJson({ login, type: 'User' }), role_name: role };
      return { status: 200, body: { permission: LEGACY[role], role_name: role, user } };
    },
    'pulls/list-commits': (call, p) => {
      const pull = Number(p['pull_number']);
      const listed = (commits.get(pull) ?? []).map((c, i) => {
        const sample = kit.sample('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/commits');
        const commit = sample['commit'] as Record<string, unknown>;
        return {
          ...sample,
          commit: { ...commit, message: c.message ?? `Commit ${i + 1}` },
          sha: sha(pull * 1000 + i),
          node_id: `C_${pull}_${i}`,
          url: `${kit.repoApi()}/commits/${sha(pull * 1000 + i)}`,
          author: c.author ? kit.userJson(c.author) : null,
          committer: c.committer ? kit.userJson(c.committer) : null,
          parents: [],
        };
      });
      return kit.paginate(call, listed);
    },
    'pulls/list-reviews': (call, p) => {
      const pull = Number(p['pull_number']);
      const listed = (reviews.get(pull) ?? []).map((r) => ({
        ...kit.sample('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews'),
        id: r.id,
        node_id: `PRR_${r.id}`,
        user: kit.userJson(r.user),
        body: '',
        state: r.state,
        commit_id: r.commitId,
        submitted_at: r.at,
        html_url: `https://github.com/${kit.htmlRepo}/pull/${pull}#pullrequestreview-${r.id}`,
        pull_request_url: `${kit.repoApi()}/pulls/${pull}`,
        author_association: 'MEMBER',
      }));
      return kit.paginate(call, listed);
    },
  };

  return {
    labelEvent: (issue, label, event, actor) =>
      void events.push({ id: kit.newId(), issue, label, event, actor: { ...actor }, at: kit.now() }),
    setPermission: (login, role) => void roles.set(login.toLowerCase(), role),
    setPullAuthor: (pull, author) => void authors.set(pull, { ...author }),
    author: (pull) => authors.get(pull),
    setPullCommits: (pull, list) => void commits.set(pull, list),
    addReview: (pull, user, state, options = {}) => {
      const id = kit.newId();
      const commitId = options.commitId ?? kit.pullHead(pull);
      reviews.set(pull, [...(reviews.get(pull) ?? []), { id, user, state, at: kit.now(), commitId }]);
      return id;
    },
    dismissReview: (pull, id) => {
      const review = (reviews.get(pull) ?? []).find((r) => r.id === id);
      if (!review) throw new Error(`no review ${id} on pull request #${pull}`);
      review.state = 'DISMISSED';
    },
    handlers,
  };
}
