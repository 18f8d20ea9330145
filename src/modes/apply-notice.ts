// The notice a merge's refused apply leaves on the pull request (render/review-comment.ts notAppliedNotice): one per
// target, found again by its marker and the action's own identity, updated in place. The review comment itself is
// not touched: written after the merge, it could never approve a re-run. GitHub trouble here is a warning: the job
// summary and the failure say the same.

import { errorMessage } from '../errors.js';
import { viewerLogin } from '../github/identity.js';
import { createIssueComment, listIssueComments, updateIssueComment } from '../github/issue-comments.js';
import type { GitHubClient } from '../github/octokit.js';
import { NOTICE_PREFIX, parseMarker, sameTarget } from '../render/marker.js';
import { notAppliedNotice } from '../render/review-comment.js';
import type { Log } from '../runtime.js';
import type { ReviewTarget } from '../settings.js';
import type { PullRequestRef } from './review-comment.js';

export async function leaveNotAppliedNotice(
  github: GitHubClient,
  pr: PullRequestRef,
  notice: { readonly target: ReviewTarget; readonly what: string; readonly runUrl: string | undefined },
  log: Pick<Log, 'warning'>,
): Promise<void> {
  const body = notAppliedNotice(notice.target, notice.what, notice.runUrl);
  try {
    const login = await viewerLogin(github);
    for await (const comment of listIssueComments(github, pr.repository, pr.number)) {
      const marker = parseMarker(comment.body, NOTICE_PREFIX);
      if (marker && sameTarget(marker, notice.target) && comment.author?.login === login) {
        await updateIssueComment(github, pr.repository, comment.id, body);
        return;
      }
    }
    await createIssueComment(github, pr.repository, pr.number, body);
  } catch (e) {
    log.warning(`The pull request was not told that nothing was applied (${errorMessage(e)}).`);
  }
}
