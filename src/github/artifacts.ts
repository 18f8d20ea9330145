// Another workflow run's artifacts, through the REST API (the run that planned a pull request is not this run, so
// the runtime token's artifact service can't see them): listed over every page, downloaded from the signed URL the
// API redirects to. Needs `actions: read` on the token. The upload side is @actions/artifact (plan-artifact.ts).

import { HttpClient } from '@actions/http-client';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Repository } from './issue-comments.js';
import type { GitHubClient } from './octokit.js';

export interface RunArtifact {
  readonly id: number;
  readonly name: string;
  readonly expired: boolean;
  readonly sizeInBytes: number;
}

/** The run's artifacts whose name starts with `prefix`, newest first. */
export async function runArtifacts(
  client: GitHubClient,
  repository: Repository,
  runId: number,
  prefix: string,
): Promise<RunArtifact[]> {
  const found: RunArtifact[] = [];
  for await (const page of client.paginate.iterator(client.rest.actions.listWorkflowRunArtifacts, {
    ...repository,
    run_id: runId,
    per_page: 100,
  })) {
    for (const a of page.data) {
      if (a.name.startsWith(prefix))
        found.push({ id: a.id, name: a.name, expired: a.expired, sizeInBytes: a.size_in_bytes });
    }
  }
  return found.sort((a, b) => b.id - a.id);
}

/**
 * Downloads an artifact to `file`. The blob's URL is signed: it is fetched without the GitHub token and never
 * logged.
 */
export async function downloadArtifact(
  client: GitHubClient,
  repository: Repository,
  artifactId: number,
  file: string,
): Promise<void> {
  const { headers, status } = await client.rest.actions.downloadArtifact({
    ...repository,
    artifact_id: artifactId,
    archive_format: 'zip',
    request: { redirect: 'manual' },
  });
  const location = headers.location;
  if (status !== 302 || !location) {
    throw new Error(`GitHub answered ${status} without a download location for artifact ${artifactId}`);
  }
  const response = await new HttpClient('okta-terraform-action').get(location);
  const code = response.message.statusCode ?? 0;
  if (code !== 200) {
    response.message.resume();
    throw new Error(`the artifact's storage answered HTTP ${code}`);
  }
  try {
    await pipeline(response.message, createWriteStream(file, { mode: 0o600 }));
  } catch (e) {
    await rm(file, { force: true });
    throw e;
  }
}
