// Which pull request reviews approve, as GitHub records them (GET /pulls/{n}/reviews and /commits). A review counts
// when it is APPROVED, is its reviewer's latest decision (a later CHANGES_REQUESTED, or a dismissal, which GitHub
// records as the review's state DISMISSED, withdraws it; COMMENTED decides nothing), was given on the head commit
// that was planned, and comes from a person with write access who wrote none of the pull request: not its author,
// no commit's author or committer, nobody a commit names in a Co-authored-by: trailer. Never a bot: a pull
// request's own workflow can act as github-actions[bot]. tfaction's rule (no one who committed to the pull request
// approves it, suzuki-shunsuke/tfaction #2228), and GitHub's own for authors, extended to co-authors and bots.

export interface ReviewRecord {
  readonly id: number;
  readonly login: string | undefined;
  readonly userType: string | undefined;
  readonly state: string;
  /** The head commit the review was given on. */
  readonly commitId: string | null;
  readonly submittedAt: string | undefined;
}

export interface CommitRecord {
  readonly author: string | null;
  readonly committer: string | null;
  readonly message: string;
}

/** What GitHub shows of a person: their login's profile name and public email. */
export interface Profile {
  readonly name: string | null;
  readonly email: string | null;
}

export interface People {
  /** admin, maintain, write, triage, read or none. */
  role(login: string): Promise<string>;
  profile(login: string): Promise<Profile>;
}

export interface Counted {
  /** Logins whose approval counts, in the order they approved. */
  readonly approvers: readonly string[];
  /** Why each other approval does not count, one phrase each. */
  readonly objections: readonly string[];
}

const WRITERS = new Set(['admin', 'maintain', 'write']);
const DECISIONS = new Set(['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED']);

interface CoAuthor {
  readonly name: string;
  readonly email: string;
}

/** Every Co-authored-by: trailer of the commits' messages. */
export function coAuthors(commits: readonly CommitRecord[]): CoAuthor[] {
  return commits.flatMap((c) =>
    [...c.message.matchAll(/^co-authored-by:\s*(.*?)\s*<([^>]*)>\s*$/gim)].map((m) => ({
      name: (m[1] ?? '').toLowerCase(),
      email: (m[2] ?? '').toLowerCase(),
    })),
  );
}

/**
 * Whether a trailer names this person: by login, by GitHub's noreply address (login@ or id+login@
 * users.noreply.github.com), or by the name and public email on their profile. A trailer with an address GitHub
 * can't tie to a login (a private email) is not recognised: that is said in the README.
 */
function namedBy(trailer: CoAuthor, login: string, profile: Profile): boolean {
  const l = login.toLowerCase();
  const noreply = new RegExp(
    `^(\\d+\\+)?${l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}@users\\.noreply\\.github\\.com$`,
  );
  return (
    trailer.name === l ||
    noreply.test(trailer.email) ||
    (profile.email !== null && trailer.email === profile.email.toLowerCase()) ||
    (profile.name !== null &&
      profile.name.trim() !== '' &&
      trailer.name === profile.name.trim().toLowerCase())
  );
}

/** Each reviewer's latest decision, oldest first. */
function latestDecisions(reviews: readonly ReviewRecord[]): ReviewRecord[] {
  const ordered = [...reviews]
    .filter((r) => DECISIONS.has(r.state) && r.login !== undefined)
    .sort((a, b) => Date.parse(a.submittedAt ?? '') - Date.parse(b.submittedAt ?? '') || a.id - b.id);
  const latest = new Map<string, ReviewRecord>();
  for (const review of ordered) latest.set((review.login ?? '').toLowerCase(), review);
  return [...latest.values()];
}

const short = (sha: string | null): string => (sha ? sha.slice(0, 7) : 'no commit');

export async function countApprovals(
  input: {
    readonly reviews: readonly ReviewRecord[];
    readonly headSha: string;
    readonly author: string | undefined;
    readonly commits: readonly CommitRecord[];
  },
  people: People,
): Promise<Counted> {
  const writers = new Set(
    [input.author, ...input.commits.flatMap((c) => [c.author, c.committer])]
      .filter((l): l is string => typeof l === 'string')
      .map((l) => l.toLowerCase()),
  );
  const trailers = coAuthors(input.commits);
  const approvers: string[] = [];
  const objections: string[] = [];
  for (const review of latestDecisions(input.reviews)) {
    const login = review.login ?? '';
    const why = await objection(review, login, { writers, trailers, headSha: input.headSha }, people);
    if (why === undefined) approvers.push(login);
    else if (why) objections.push(`${login}: ${why}`);
  }
  return { approvers, objections };
}

/** Why this latest decision approves nothing ('' when it is no approval to explain), or undefined when it counts. */
async function objection(
  review: ReviewRecord,
  login: string,
  context: { writers: ReadonlySet<string>; trailers: readonly CoAuthor[]; headSha: string },
  people: People,
): Promise<string | undefined> {
  if (review.state === 'CHANGES_REQUESTED') return 'requested changes (their latest review)';
  if (review.state === 'DISMISSED') return 'their approval was dismissed';
  if (review.userType === 'Bot' || login.endsWith('[bot]')) return 'a bot';
  if (review.commitId !== context.headSha)
    return `approved commit ${short(review.commitId)}, not the planned head ${short(context.headSha)}`;
  if (context.writers.has(login.toLowerCase())) return 'wrote the pull request or one of its commits';
  if (context.trailers.length > 0) {
    const profile = await people.profile(login);
    if (context.trailers.some((t) => namedBy(t, login, profile)))
      return 'is a co-author of one of its commits (Co-authored-by:)';
  }
  const role = await people.role(login);
  return WRITERS.has(role) ? undefined : `has ${role} access, not write`;
}
