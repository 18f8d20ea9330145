// Who did what on a pull request, as GitHub records it: who added a label and when (the issue's events), who
// approved and when (reviews), who wrote its commits, and what a person may do in the repository.

import type { Repository } from './issue-comments.js';
import { httpStatus, type GitHubClient } from './octokit.js';

export interface Actor {
  readonly login: string;
  readonly type: string;
}

export interface LabelEvent {
  readonly label: string;
  readonly event: 'labeled' | 'unlabeled';
  readonly actor: Actor | undefined;
  readonly at: string;
}

export interface PullReview {
  readonly user: Actor | undefined;
  readonly state: string;
  readonly at: string | undefined;
}

const actorOf = (user: { login: string; type: string } | null | undefined): Actor | undefined =>
  user ? { login: user.login, type: user.type } : undefined;

/** Every label added to or removed from the issue or pull request, oldest first. */
export async function labelEvents(
  client: GitHubClient,
  repository: Repository,
  issue: number,
): Promise<LabelEvent[]> {
  const events = await client.paginate(client.rest.issues.listEvents, {
    ...repository,
    issue_number: issue,
    per_page: 100,
  });
  return events.flatMap((e) =>
    (e.event === 'labeled' || e.event === 'unlabeled') && 'label' in e && e.label
      ? [{ label: e.label.name, event: e.event, actor: actorOf(e.actor), at: e.created_at }]
      : [],
  );
}

export async function pullReviews(
  client: GitHubClient,
  repository: Repository,
  pull: number,
): Promise<PullReview[]> {
  const reviews = await client.paginate(client.rest.pulls.listReviews, {
    ...repository,
    pull_number: pull,
    per_page: 100,
  });
  return reviews.map((r) => ({ user: actorOf(r.user), state: r.state, at: r.submitted_at }));
}

/** The GitHub logins of the pull request's commit authors and committers (GitHub lists at most 250 commits). */
export async function commitAuthors(
  client: GitHubClient,
  repository: Repository,
  pull: number,
): Promise<string[]> {
  const commits = await client.paginate(client.rest.pulls.listCommits, {
    ...repository,
    pull_number: pull,
    per_page: 100,
  });
  const logins = commits.flatMap((c) => [c.author?.login, c.committer?.login]);
  return [...new Set(logins.filter((l): l is string => typeof l === 'string'))];
}

/** admin, maintain, write, triage, read or none (not a collaborator). */
export async function repositoryRole(
  client: GitHubClient,
  repository: Repository,
  login: string,
): Promise<string> {
  try {
    const { data } = await client.rest.repos.getCollaboratorPermissionLevel({
      ...repository,
      username: login,
    });
    return data.role_name || data.permission;
  } catch (e) {
    if (httpStatus(e) === 404) return 'none';
    throw e;
  }
}
