// The notes of one release, from CHANGELOG.md: the text under "## VERSION" (the heading may add " - DATE") up to
// the next "## " heading.

/**
 * @param {string} tag  v1.2.3
 * @param {string} changelog
 * @param {string} packageVersion
 * @returns {string}
 */
export function releaseNotes(tag, changelog, packageVersion) {
  const version = /^v(\d+\.\d+\.\d+)$/.exec(tag)?.[1];
  if (!version) throw new Error(`the tag must be vMAJOR.MINOR.PATCH, not "${tag}"`);
  if (version !== packageVersion) {
    throw new Error(
      `the tag is ${tag} but package.json says ${packageVersion}: set "version": "${version}" and tag that commit`,
    );
  }
  const lines = changelog.split('\n');
  const start = lines.findIndex((line) => line === `## ${version}` || line.startsWith(`## ${version} `));
  if (start < 0)
    throw new Error(`CHANGELOG.md has no "## ${version}" section: add one with the release's notes`);
  const end = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  const notes = lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .trim();
  if (!notes)
    throw new Error(`CHANGELOG.md's "## ${version}" section is empty: write the release's notes there`);
  return `${notes}\n`;
}
