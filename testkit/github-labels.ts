// The labels of the repository and of each issue or pull request, for github-repo.ts: created, listed, added and
// removed with the shapes GitHub's REST API uses; each label added or removed is reported (`onEvent`) for the
// issue's events.

import { field } from './github-issues.js';
import type { Call, Login, Reply } from './github-repo.js';

export interface Label {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface LabelKit {
  self: Login;
  newId(): number;
  repoApi(): string;
  error(call: Pick<Call, 'docs'>, status: number, message: string, errors?: unknown[]): Reply;
  paginate(call: Call, items: unknown[]): Reply;
  onEvent(issue: number, label: string, event: 'labeled' | 'unlabeled', actor: Login): void;
}

export function createLabels(kit: LabelKit) {
  const labels: Label[] = [];
  const issueLabels = new Map<number, number[]>();
  const findLabel = (name: string) => labels.find((l) => l.name.toLowerCase() === name.toLowerCase());
  const onIssue = (issue: number) => issueLabels.get(issue) ?? [];
  const labelsOn = (issue: number) => onIssue(issue).flatMap((id) => labels.filter((l) => l.id === id));

  function createLabel(name: string, color = 'ededed', description: string | null = null): Label {
    const label = { id: kit.newId(), name, color, description };
    labels.push(label);
    return label;
  }

  const labelJson = (l: Label) => ({
    id: l.id,
    node_id: `LA_kwDO${Buffer.from(String(l.id)).toString('base64url')}`,
    url: `${kit.repoApi()}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    color: l.color,
    default: false,
    description: l.description,
  });

  /** Adds labels (a label the repository lacks is created with the default colour, as GitHub does). */
  function addLabels(issue: number, names: string[], actor: Login): void {
    for (const name of names) {
      const label = findLabel(name) ?? createLabel(name);
      if (onIssue(issue).includes(label.id)) continue;
      issueLabels.set(issue, [...onIssue(issue), label.id]);
      kit.onEvent(issue, label.name, 'labeled', actor);
    }
  }

  const alreadyExists = (call: Call): Reply =>
    kit.error(call, 422, 'Validation Failed', [{ resource: 'Label', code: 'already_exists', field: 'name' }]);

  const handlers: Record<string, (call: Call, p: Record<string, unknown>) => Reply> = {
    'issues/list-labels-on-issue': (call, p) =>
      kit.paginate(call, labelsOn(Number(p['issue_number'])).map(labelJson)),
    'issues/add-labels': (call, p) => {
      const issue = Number(p['issue_number']);
      const wanted = field(call.body, 'labels') as Array<string | { name: string }>;
      addLabels(
        issue,
        wanted.map((w) => (typeof w === 'string' ? w : w.name)),
        kit.self,
      );
      return { status: 200, body: labelsOn(issue).map(labelJson) };
    },
    'issues/remove-label': (call, p) => {
      const issue = Number(p['issue_number']);
      const label = findLabel(String(p['name']));
      if (!label || !onIssue(issue).includes(label.id)) return kit.error(call, 404, 'Label does not exist');
      issueLabels.set(
        issue,
        onIssue(issue).filter((id) => id !== label.id),
      );
      kit.onEvent(issue, label.name, 'unlabeled', kit.self);
      return { status: 200, body: labelsOn(issue).map(labelJson) };
    },
    'issues/get-label': (call, p) => {
      const label = findLabel(String(p['name']));
      return label ? { status: 200, body: labelJson(label) } : kit.error(call, 404, 'Not Found');
    },
    'issues/create-label': (call) => {
      const name = String(field(call.body, 'name'));
      const color = field(call.body, 'color') as string | undefined;
      if (findLabel(name)) return alreadyExists(call);
      if (color !== undefined && !/^[0-9a-f]{6}$/i.test(color)) {
        return kit.error(call, 422, 'Validation Failed', [
          { resource: 'Label', code: 'invalid', field: 'color' },
        ]);
      }
      const label = createLabel(name, color, (field(call.body, 'description') as string | undefined) ?? null);
      return { status: 201, body: labelJson(label), headers: { location: labelJson(label).url } };
    },
    'issues/update-label': (call, p) => {
      const label = findLabel(String(p['name']));
      if (!label) return kit.error(call, 404, 'Not Found');
      const name = field(call.body, 'new_name') as string | undefined;
      const clash = name === undefined ? undefined : findLabel(name);
      if (clash && clash !== label) return alreadyExists(call);
      const changes = {
        name,
        color: field(call.body, 'color'),
        description: field(call.body, 'description'),
      };
      for (const [key, value] of Object.entries(changes))
        if (value !== undefined) Object.assign(label, { [key]: value });
      return { status: 200, body: labelJson(label) };
    },
  };

  return {
    handlers,
    labelsOn,
    labelJson,
    addLabels,
    color: (name: string) => findLabel(name)?.color ?? 'ededed',
    /** replaces the labels on an issue or pull request, creating those the repository lacks, as GitHub does */
    setLabels: (issue: number, names: string[]) =>
      void issueLabels.set(issue, [
        ...new Set(names.map((name) => (findLabel(name) ?? createLabel(name)).id)),
      ]),
    issuesWithLabels: () => [...issueLabels.keys()],
    repoLabels: () => labels.map(({ name, color, description }) => ({ name, color, description })),
  };
}
