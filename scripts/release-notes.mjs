// node scripts/release-notes.mjs v1.2.3: prints the section of CHANGELOG.md for that version (the release's notes),
// and that version's package.json; exits 1 with one line when the tag's version is not package.json's or the
// changelog has no section, or an empty one, for it.
import { readFileSync } from 'node:fs';
import { releaseNotes } from './lib/release-notes.mjs';

try {
  const notes = releaseNotes(
    process.argv[2] ?? '',
    readFileSync('CHANGELOG.md', 'utf8'),
    JSON.parse(readFileSync('package.json', 'utf8')).version,
  );
  process.stdout.write(notes);
} catch (e) {
  process.stderr.write(`release-notes: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
