// What an approval check needs of GitHub beyond reviews (github-pull-reviews.ts), for github-repo.ts: team
// memberships (200 active or pending / 404 / 403 when the token can't read the organization, as GITHUB_TOKEN
// can't), user profiles (name, public email), commit statuses, requested reviewers, and a file at a ref through the
// contents API (read from the commits github-git.ts keeps). Each answer is laid over the description's own example
// and checked against it, like every answer of the stand-in.

import type { FakeGit } from './github-git.js';
import type { Call, Login, Reply } from './github-repo.js';

export interface StatusWritten {
  readonly sha: string;
  readonly state: string;
  readonly context: string;
  readonly description: string;
  readonly targetUrl: string | null;
}

export interface FakeApprovals {
  /** the members of "org/slug" (logins), active unless listed as pending */
  setTeam(team: string, members: readonly string[], pending?: readonly string[]): void;
  /** false: every team call answers 403, as for a token without the organization's Members: read */
  teamsReadable: boolean;
  setProfile(login: string, profile: { name?: string | null; email?: string | null }): void;
  /** every status written, oldest first */
  statuses(sha?: string): StatusWritten[];
  /** the users and teams requested to review `pull`, in the order asked */
  requestedReviewers(pull: number): { users: string[]; teams: string[] };
  readonly handlers: Record<string, (call: Call, p: Record<string, unknown>) => Reply>;
}

export interface ApprovalsKit {
  now(): string;
  newId(): number;
  userJson(user: Login): Record<string, unknown>;
  repoApi(): string;
  sample(method: string, template: string, status?: number): Record<string, unknown>;
  error(call: Pick<Call, 'docs'>, status: number, message: string): Reply;
  git(): FakeGit;
}

export function createApprovals(kit: ApprovalsKit): FakeApprovals {
  const teams = new Map<string, { members: Set<string>; pending: Set<string> }>();
  const profiles = new Map<string, { name: string | null; email: string | null }>();
  const written: StatusWritten[] = [];
  const requested = new Map<number, { users: string[]; teams: string[] }>();
  const state = { teamsReadable: true };

  const handlers: FakeApprovals['handlers'] = {
    'teams/get-membership-for-user-in-org': (call, p) => {
      if (!state.teamsReadable) return kit.error(call, 403, 'Resource not accessible by integration');
      const team = teams.get(`${String(p['org'])}/${String(p['team_slug'])}`.toLowerCase());
      const login = String(p['username']).toLowerCase();
      if (!team || !(team.members.has(login) || team.pending.has(login)))
        return kit.error(call, 404, 'Not Found');
      const body = {
        ...kit.sample('GET', '/orgs/{org}/teams/{team_slug}/memberships/{username}'),
        role: 'member',
        state: team.pending.has(login) ? 'pending' : 'active',
      };
      return { status: 200, body };
    },
    'users/get-by-username': (call, p) => {
      const login = String(p['username']);
      const profile = profiles.get(login.toLowerCase()) ?? { name: null, email: null };
      const sample = kit.sample('GET', '/users/{username}');
      return { status: 200, body: { ...sample, ...kit.userJson({ login, type: 'User' }), ...profile } };
    },
    'repos/create-commit-status': (call, p) => {
      const body = (call.body ?? {}) as {
        state: string;
        context?: string;
        description?: string;
        target_url?: string;
      };
      const status = {
        sha: String(p['sha']),
        state: body.state,
        context: body.context ?? 'default',
        description: body.description ?? '',
        targetUrl: body.target_url ?? null,
      };
      written.push(status);
      const id = kit.newId();
      const answer = {
        ...kit.sample('POST', '/repos/{owner}/{repo}/statuses/{sha}', 201),
        id,
        node_id: `SC_${id}`,
        url: `${kit.repoApi()}/statuses/${status.sha}`,
        state: status.state,
        context: status.context,
        description: status.description,
        target_url: status.targetUrl,
        created_at: kit.now(),
        updated_at: kit.now(),
      };
      return { status: 201, body: answer };
    },
    'pulls/request-reviewers': (call, p) => {
      const pull = Number(p['pull_number']);
      const body = (call.body ?? {}) as { reviewers?: string[]; team_reviewers?: string[] };
      const was = requested.get(pull) ?? { users: [], teams: [] };
      requested.set(pull, {
        users: [...was.users, ...(body.reviewers ?? [])],
        teams: [...was.teams, ...(body.team_reviewers ?? [])],
      });
      return {
        status: 201,
        body: kit.sample('POST', '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', 201),
      };
    },
    'repos/get-content': (call, p) => {
      const path = String(p['path']);
      const ref = call.query.get('ref') ?? 'main';
      let files: Record<string, string>;
      try {
        files = kit.git().filesAt(ref);
      } catch {
        return kit.error(call, 404, `No commit found for the ref ${ref}`);
      }
      const text = files[path];
      if (text === undefined) return kit.error(call, 404, 'Not Found');
      const content = Buffer.from(text).toString('base64');
      const body = {
        type: 'file',
        encoding: 'base64',
        size: Buffer.byteLength(text),
        name: path.split('/').at(-1) ?? path,
        path,
        content,
        sha: '0'.repeat(40),
        url: `${kit.repoApi()}/contents/${path}?ref=${ref}`,
        git_url: null,
        html_url: null,
        download_url: null,
        _links: { self: `${kit.repoApi()}/contents/${path}`, git: null, html: null },
      };
      return { status: 200, body };
    },
  };

  return {
    setTeam: (team, members, pending = []) =>
      void teams.set(team.toLowerCase(), {
        members: new Set(members.map((m) => m.toLowerCase())),
        pending: new Set(pending.map((m) => m.toLowerCase())),
      }),
    get teamsReadable() {
      return state.teamsReadable;
    },
    set teamsReadable(value: boolean) {
      state.teamsReadable = value;
    },
    setProfile: (login, profile) =>
      void profiles.set(login.toLowerCase(), { name: profile.name ?? null, email: profile.email ?? null }),
    statuses: (sha) => written.filter((s) => sha === undefined || s.sha === sha).map((s) => ({ ...s })),
    requestedReviewers: (pull) => {
      const r = requested.get(pull) ?? { users: [], teams: [] };
      return { users: [...r.users], teams: [...r.teams] };
    },
    handlers,
  };
}
