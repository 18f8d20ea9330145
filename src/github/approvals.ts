// What an approval check reads from GitHub and writes there: a pull request's reviews (with the commit each was
// given on) and commits (with their messages, for Co-authored-by: trailers), team memberships, profiles, a file at
// a commit, and the commit status branch protection requires. Shapes: GitHub's REST API (the stand-in in testkit
// checks each call and answer against its OpenAPI description).

import { ActionError } from '../errors.js';
import type { CommitRecord, Profile, ReviewRecord } from '../approvals/reviewers.js';
import type { Repository } from './issue-comments.js';
import { httpStatus, type GitHubClient } from './octokit.js';

export async function reviewRecords(
  client: GitHubClient,
  repository: Repository,
  pull: number,
): Promise<ReviewRecord[]> {
  const reviews = await client.paginate(client.rest.pulls.listReviews, {
    ...repository,
    pull_number: pull,
    per_page: 100,
  });
  return reviews.map((r) => ({
    id: r.id,
    login: r.user?.login,
    userType: r.user?.type,
    state: r.state,
    commitId: r.commit_id,
    submittedAt: r.submitted_at,
  }));
}

/** The pull request's commits (GitHub lists at most 250). */
export async function commitRecords(
  client: GitHubClient,
  repository: Repository,
  pull: number,
): Promise<CommitRecord[]> {
  const commits = await client.paginate(client.rest.pulls.listCommits, {
    ...repository,
    pull_number: pull,
    per_page: 100,
  });
  return commits.map((c) => ({
    author: c.author?.login ?? null,
    committer: c.committer?.login ?? null,
    message: c.commit.message,
  }));
}

export async function profileOf(client: GitHubClient, login: string): Promise<Profile> {
  const { data } = await client.rest.users.getByUsername({ username: login });
  return { name: data.name ?? null, email: data.email ?? null };
}

/**
 * Whether `login` is an active member of `team` ("org/slug"). GITHUB_TOKEN can't read an organization's teams: a
 * 403 (or 401) fails closed, naming the permission, never as "not a member" that a retry could turn into a pass.
 */
export async function isTeamMember(client: GitHubClient, team: string, login: string): Promise<boolean> {
  const [org = '', slug = ''] = team.split('/');
  try {
    const { data } = await client.rest.teams.getMembershipForUserInOrg({
      org,
      team_slug: slug,
      username: login,
    });
    return data.state === 'active';
  } catch (e) {
    const status = httpStatus(e);
    if (status === 404) return false;
    if (status === 403 || status === 401) {
      throw new ActionError(
        'approvals-unreadable',
        `the approval policy names the team @${team}, and this token can't read its members (HTTP ${status}): give the action a token with the organization's Members: read permission (a GitHub App's, e.g. from actions/create-github-app-token) as github-token`,
      );
    }
    throw e;
  }
}

/** A file's text at a commit, or undefined when it is not there. */
export async function fileAt(
  client: GitHubClient,
  repository: Repository,
  path: string,
  ref: string,
): Promise<string | undefined> {
  try {
    const { data } = await client.rest.repos.getContent({ ...repository, path, ref });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data))
      throw new ActionError(
        'invalid-input',
        `${path} at ${ref.slice(0, 7)} is not a file: make it a YAML file`,
      );
    return Buffer.from(data.content, 'base64').toString('utf8');
  } catch (e) {
    if (httpStatus(e) === 404) return undefined;
    throw e;
  }
}

export interface CommitStatus {
  readonly state: 'success' | 'pending' | 'failure' | 'error';
  readonly context: string;
  /** GitHub keeps 140 characters. */
  readonly description: string;
  readonly targetUrl: string | undefined;
}

export async function setCommitStatus(
  client: GitHubClient,
  repository: Repository,
  sha: string,
  status: CommitStatus,
): Promise<void> {
  const description =
    status.description.length > 140 ? `${status.description.slice(0, 139)}…` : status.description;
  await client.rest.repos.createCommitStatus({
    ...repository,
    sha,
    state: status.state,
    context: status.context,
    description,
    ...(status.targetUrl ? { target_url: status.targetUrl } : {}),
  });
}

export async function requestReviewers(
  client: GitHubClient,
  repository: Repository,
  pull: number,
  who: { readonly users: readonly string[]; readonly teams: readonly string[] },
): Promise<void> {
  await client.rest.pulls.requestReviewers({
    ...repository,
    pull_number: pull,
    reviewers: [...who.users],
    team_reviewers: [...who.teams],
  });
}
