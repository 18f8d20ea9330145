// The repository's git data and its pull requests opened through the API, for github-repo.ts: commits, trees and
// refs as GitHub's Git Database API keeps them (objects named by git's own SHA-1 of their content), and pull requests
// created, listed and edited through the Pulls API. Enough for a branch made of one commit on top of a commit the
// test seeds, and the pull request from it; a test reads the files at any ref back.

import { createHash } from 'node:crypto';
import { field, merge as mergeJson } from './github-issues.js';
import type { Call, Login, Reply } from './github-repo.js';

interface TreeEntry {
  readonly mode: string;
  readonly sha: string;
}

interface Commit {
  readonly tree: string;
  readonly parents: readonly string[];
  readonly message: string;
  readonly at: string;
}

export interface OpenedPull {
  readonly number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  readonly head: string;
  readonly base: string;
  readonly user: Login;
  readonly created_at: string;
  updated_at: string;
}

export interface FakeGit {
  /** A commit holding `files` (path → text), as if pushed: its SHA. */
  seedCommit(files: Readonly<Record<string, string>>, branch?: string): string;
  /** The files at a branch or commit, path → text. */
  filesAt(refOrSha: string): Record<string, string>;
  /** The commit a branch points at, if the branch exists. */
  branch(name: string): string | undefined;
  commit(sha: string): Commit | undefined;
  pulls(): readonly OpenedPull[];
  /** An edit of a pull request's title or body in the web UI, by anyone with write access. */
  editPull(number: number, text: { readonly title?: string; readonly body?: string }): void;
}

interface GitKit {
  readonly owner: string;
  readonly repo: string;
  readonly self: Login;
  repoApi(): string;
  now(): string;
  newNumber(): number;
  newId(): number;
  userJson(user: Login): Record<string, unknown>;
  sample(method: string, template: string): Record<string, unknown>;
  error(call: Pick<Call, 'docs'>, status: number, message: string, errors?: unknown[]): Reply;
  paginate(call: Call, items: unknown[]): Reply;
}

const merge = (base: unknown, patch: Record<string, unknown>) =>
  mergeJson(base, patch) as Record<string, unknown>;

const sha1 = (kind: string, content: Buffer): string =>
  createHash('sha1')
    .update(Buffer.concat([Buffer.from(`${kind} ${content.length}\0`), content]))
    .digest('hex');

export function createGit(kit: GitKit) {
  const blobs = new Map<string, Buffer>();
  // A tree is flat here: full path → entry. Its SHA is that of git's tree of the same files.
  const trees = new Map<string, Map<string, TreeEntry>>();
  const commits = new Map<string, Commit>();
  const refs = new Map<string, string>();
  const opened: OpenedPull[] = [];

  function putBlob(content: Buffer): string {
    const sha = sha1('blob', content);
    blobs.set(sha, content);
    return sha;
  }

  /** git's tree object for the files under `prefix`, written bottom up: its SHA. */
  function treeSha(files: Map<string, TreeEntry>, prefix = ''): string {
    const names = new Map<string, { mode: string; sha: string }>();
    for (const [path, entry] of files) {
      if (!path.startsWith(prefix)) continue;
      const rest = path.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash < 0) names.set(rest, entry);
      else {
        const dir = rest.slice(0, slash);
        if (!names.has(dir)) names.set(dir, { mode: '40000', sha: treeSha(files, `${prefix}${dir}/`) });
      }
    }
    // git orders a tree's entries by name, a directory as if its name ended in '/'.
    const key = (name: string, mode: string) => (mode === '40000' ? `${name}/` : name);
    const sorted = [...names].sort(([a, x], [b, y]) => (key(a, x.mode) < key(b, y.mode) ? -1 : 1));
    return sha1(
      'tree',
      Buffer.concat(
        sorted.map(([name, e]) =>
          Buffer.concat([Buffer.from(`${e.mode} ${name}\0`), Buffer.from(e.sha, 'hex')]),
        ),
      ),
    );
  }

  function putTree(files: Map<string, TreeEntry>): string {
    const sha = treeSha(files);
    trees.set(sha, files);
    return sha;
  }

  function putCommit(commit: Commit): string {
    const who = `${kit.self.login} <${kit.self.login}@users.noreply.github.com> ${Math.floor(Date.parse(commit.at) / 1000)} +0000`;
    const text = [
      `tree ${commit.tree}`,
      ...commit.parents.map((p) => `parent ${p}`),
      `author ${who}`,
      `committer ${who}`,
      '',
      commit.message,
    ].join('\n');
    const sha = sha1('commit', Buffer.from(text));
    commits.set(sha, commit);
    return sha;
  }

  const resolve = (refOrSha: string): string | undefined =>
    commits.has(refOrSha) ? refOrSha : refs.get(`refs/heads/${refOrSha}`);

  const commitJson = (sha: string, commit: Commit) => {
    const url = `${kit.repoApi()}/git/commits/${sha}`;
    const person = {
      name: kit.self.login,
      email: `${kit.self.login}@users.noreply.github.com`,
      date: commit.at,
    };
    return merge(kit.sample('GET', '/repos/{owner}/{repo}/git/commits/{commit_sha}'), {
      sha,
      node_id: `C_${Buffer.from(sha).toString('base64url').slice(0, 20)}`,
      url,
      html_url: `https://github.com/${kit.owner}/${kit.repo}/commit/${sha}`,
      author: person,
      committer: person,
      message: commit.message,
      tree: { sha: commit.tree, url: `${kit.repoApi()}/git/trees/${commit.tree}` },
      parents: commit.parents.map((p) => ({
        sha: p,
        url: `${kit.repoApi()}/git/commits/${p}`,
        html_url: `https://github.com/${kit.owner}/${kit.repo}/commit/${p}`,
      })),
      verification: {
        verified: false,
        reason: 'unsigned',
        signature: null,
        payload: null,
        verified_at: null,
      },
    });
  };

  const refJson = (ref: string, sha: string) => ({
    ref,
    node_id: `REF_${Buffer.from(ref).toString('base64url')}`,
    url: `${kit.repoApi()}/git/${ref}`,
    object: { type: 'commit', sha, url: `${kit.repoApi()}/git/commits/${sha}` },
  });

  const pullJson = (pull: OpenedPull) =>
    merge(kit.sample('GET', '/repos/{owner}/{repo}/pulls/{pull_number}'), {
      id: 2_000_000 + pull.number,
      number: pull.number,
      state: pull.state,
      title: pull.title,
      body: pull.body,
      draft: false,
      merged: false,
      merged_at: null,
      closed_at: null,
      labels: [],
      created_at: pull.created_at,
      updated_at: pull.updated_at,
      url: `${kit.repoApi()}/pulls/${pull.number}`,
      html_url: `https://github.com/${kit.owner}/${kit.repo}/pull/${pull.number}`,
      issue_url: `${kit.repoApi()}/issues/${pull.number}`,
      user: kit.userJson(pull.user),
      head: {
        ref: pull.head,
        sha: refs.get(`refs/heads/${pull.head}`) ?? '',
        label: `${kit.owner}:${pull.head}`,
      },
      base: {
        ref: pull.base,
        sha: refs.get(`refs/heads/${pull.base}`) ?? '',
        label: `${kit.owner}:${pull.base}`,
      },
    });

  const refName = (p: Record<string, unknown>) => `refs/${decodeURIComponent(String(p['ref']))}`;

  const handlers: Record<string, (call: Call, p: Record<string, unknown>) => Reply> = {
    'git/get-commit': (call, p) => {
      const sha = String(p['commit_sha']);
      const commit = commits.get(sha);
      return commit ? { status: 200, body: commitJson(sha, commit) } : kit.error(call, 404, 'Not Found');
    },
    'git/create-tree': (call) => {
      const base = field(call.body, 'base_tree');
      const files = new Map(base === undefined ? [] : (trees.get(String(base)) ?? []));
      if (base !== undefined && !trees.has(String(base))) return kit.error(call, 422, 'Invalid tree info');
      for (const entry of field(call.body, 'tree') as Array<Record<string, unknown>>) {
        const path = String(entry['path']);
        if (entry['sha'] === null) files.delete(path);
        else if (typeof entry['content'] === 'string')
          files.set(path, { mode: String(entry['mode']), sha: putBlob(Buffer.from(entry['content'])) });
        else if (typeof entry['sha'] === 'string' && blobs.has(entry['sha']))
          files.set(path, { mode: String(entry['mode']), sha: entry['sha'] });
        else return kit.error(call, 422, 'GitRPC::BadObjectState');
      }
      const sha = putTree(files);
      const tree = [...files].map(([path, e]) => ({ path, mode: e.mode, type: 'blob', sha: e.sha }));
      const body = merge(kit.sample('GET', '/repos/{owner}/{repo}/git/trees/{tree_sha}'), {
        sha,
        url: `${kit.repoApi()}/git/trees/${sha}`,
        truncated: false,
        tree,
      });
      return { status: 201, body };
    },
    'git/create-commit': (call) => {
      const tree = String(field(call.body, 'tree'));
      const parents = ((field(call.body, 'parents') as unknown[] | undefined) ?? []).map(String);
      if (!trees.has(tree) || parents.some((p) => !commits.has(p))) {
        return kit.error(call, 422, 'Tree SHA does not exist');
      }
      const commit = { tree, parents, message: String(field(call.body, 'message')), at: kit.now() };
      const sha = putCommit(commit);
      return { status: 201, body: commitJson(sha, commit) };
    },
    'git/get-ref': (call, p) => {
      const ref = refName(p);
      const sha = refs.get(ref);
      return sha ? { status: 200, body: refJson(ref, sha) } : kit.error(call, 404, 'Not Found');
    },
    'git/create-ref': (call) => {
      const ref = String(field(call.body, 'ref'));
      const sha = String(field(call.body, 'sha'));
      if (!/^refs\/heads\/./.test(ref)) return kit.error(call, 422, 'Reference name is not valid');
      if (refs.has(ref)) return kit.error(call, 422, 'Reference already exists');
      if (!commits.has(sha)) return kit.error(call, 422, 'Object does not exist');
      refs.set(ref, sha);
      return { status: 201, body: refJson(ref, sha) };
    },
    'git/update-ref': (call, p) => {
      const ref = refName(p);
      const sha = String(field(call.body, 'sha'));
      const was = refs.get(ref);
      if (!was) return kit.error(call, 422, 'Reference does not exist');
      if (!commits.has(sha)) return kit.error(call, 422, 'Object does not exist');
      // Without force, only a commit that has the old one among its ancestors.
      const ancestors = (s: string): string[] => [s, ...(commits.get(s)?.parents ?? []).flatMap(ancestors)];
      if (field(call.body, 'force') !== true && !ancestors(sha).includes(was)) {
        return kit.error(call, 422, 'Update is not a fast forward');
      }
      refs.set(ref, sha);
      return { status: 200, body: refJson(ref, sha) };
    },
    'pulls/list': (call, p) => {
      const state = String(p['state'] ?? 'open');
      const head = p['head'] === undefined ? undefined : String(p['head']);
      const listed = opened.filter(
        (pull) =>
          (state === 'all' || pull.state === state) &&
          (head === undefined || head === `${kit.owner}:${pull.head}`) &&
          (p['base'] === undefined || p['base'] === pull.base),
      );
      return kit.paginate(call, listed.map(pullJson));
    },
    'pulls/create': (call) => {
      const head = String(field(call.body, 'head')).replace(new RegExp(`^${kit.owner}:`), '');
      const base = String(field(call.body, 'base'));
      if (!refs.has(`refs/heads/${head}`) || !refs.has(`refs/heads/${base}`)) {
        return kit.error(call, 422, 'Validation Failed', [
          { resource: 'PullRequest', field: 'head', code: 'invalid' },
        ]);
      }
      if (opened.some((pull) => pull.state === 'open' && pull.head === head && pull.base === base)) {
        return kit.error(call, 422, 'Validation Failed', [
          {
            resource: 'PullRequest',
            code: 'custom',
            message: `A pull request already exists for ${kit.owner}:${head}.`,
          },
        ]);
      }
      const at = kit.now();
      const pull: OpenedPull = {
        number: kit.newNumber(),
        title: String(field(call.body, 'title') ?? ''),
        body: String(field(call.body, 'body') ?? ''),
        state: 'open',
        head,
        base,
        user: kit.self,
        created_at: at,
        updated_at: at,
      };
      opened.push(pull);
      const body = pullJson(pull);
      return { status: 201, body, headers: { location: String(body['url']) } };
    },
    'pulls/update': (call, p) => {
      const pull = opened.find((o) => o.number === p['pull_number']);
      if (!pull) return kit.error(call, 404, 'Not Found');
      const title = field(call.body, 'title');
      const body = field(call.body, 'body');
      if (typeof title === 'string') pull.title = title;
      if (typeof body === 'string') pull.body = body;
      pull.updated_at = kit.now();
      return { status: 200, body: pullJson(pull) };
    },
  };

  const git: FakeGit = {
    seedCommit(files, branch = 'main') {
      const entries = new Map(
        Object.entries(files).map(([path, text]) => [
          path,
          { mode: '100644', sha: putBlob(Buffer.from(text)) },
        ]),
      );
      const parent = refs.get(`refs/heads/${branch}`);
      const sha = putCommit({
        tree: putTree(entries),
        parents: parent ? [parent] : [],
        message: 'Seeded by the test',
        at: kit.now(),
      });
      refs.set(`refs/heads/${branch}`, sha);
      return sha;
    },
    filesAt(refOrSha) {
      const sha = resolve(refOrSha);
      const tree = sha ? trees.get(commits.get(sha)?.tree ?? '') : undefined;
      if (!tree) throw new Error(`no commit or branch ${refOrSha}`);
      return Object.fromEntries(
        [...tree].map(([path, e]) => [path, blobs.get(e.sha)?.toString('utf8') ?? '']),
      );
    },
    branch: (name) => refs.get(`refs/heads/${name}`),
    commit: (sha) => commits.get(sha),
    pulls: () => opened.map((pull) => ({ ...pull })),
    editPull(number, text) {
      const pull = opened.find((o) => o.number === number);
      if (!pull) throw new Error(`no pull request #${number}`);
      Object.assign(pull, text, { updated_at: kit.now() });
    },
  };
  return { handlers, git, numbers: () => opened.map((pull) => pull.number) };
}
