// What a person may do in the repository, as GitHub records it: their permission level (an approval counts only
// from someone with write access).

import type { Repository } from './issue-comments.js';
import { httpStatus, type GitHubClient } from './octokit.js';

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
