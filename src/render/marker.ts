// The hidden marker in the review comment: which directory, workspace and label the comment is for (so a matrix of
// orgs keeps one comment each) and the fingerprint of the plan it shows (so apply can prove what was reviewed).

const PREFIX = '<!-- okta-terraform-action ';
const SUFFIX = ' -->';

export interface ReviewMarker {
  readonly directory: string;
  readonly workspace: string;
  readonly label: string;
  /** Absent when the plan failed: such a comment approves nothing. */
  readonly fingerprint?: string;
}

export function renderMarker(marker: ReviewMarker): string {
  const json = JSON.stringify({
    v: 1,
    dir: marker.directory,
    workspace: marker.workspace,
    label: marker.label,
    ...(marker.fingerprint ? { fingerprint: marker.fingerprint } : {}),
  });
  // "--" can't appear inside an HTML comment, and "-->" would end it early.
  return `${PREFIX}${json.replace(/-/g, '\\u002d')}${SUFFIX}`;
}

export function parseMarker(body: string): ReviewMarker | undefined {
  const start = body.indexOf(PREFIX);
  if (start < 0) return undefined;
  const end = body.indexOf(SUFFIX, start + PREFIX.length);
  if (end < 0) return undefined;
  try {
    const data = JSON.parse(body.slice(start + PREFIX.length, end)) as Record<string, unknown>;
    if (data.v !== 1 || typeof data.dir !== 'string' || typeof data.workspace !== 'string') return undefined;
    return {
      directory: data.dir,
      workspace: data.workspace,
      label: typeof data.label === 'string' ? data.label : '',
      ...(typeof data.fingerprint === 'string' ? { fingerprint: data.fingerprint } : {}),
    };
  } catch {
    return undefined;
  }
}

export function sameTarget(a: ReviewMarker, b: ReviewMarker): boolean {
  return a.directory === b.directory && a.workspace === b.workspace && a.label === b.label;
}
