// Counts per Okta category, in the order an admin walks the Admin Console.

import { categoryRank } from '../okta/catalog.js';
import { countObjects } from './counts.js';
import type { CategoryCounts, ChangeSummary } from './types.js';

export function categoryCounts(changes: readonly ChangeSummary[]): CategoryCounts[] {
  const byCategory = new Map<string, CategoryCounts>();
  for (const change of changes) {
    let counts = byCategory.get(change.category);
    if (!counts) {
      counts = {
        category: change.category,
        create: 0,
        update: 0,
        delete: 0,
        replace: 0,
        import: 0,
        move: 0,
        forget: 0,
      };
      byCategory.set(change.category, counts);
    }
    countObjects(
      { actions: change.actions, importing: change.importing, moved: change.previousAddress !== null },
      counts,
    );
  }
  return [...byCategory.values()].sort((a, b) => categoryRank(a.category) - categoryRank(b.category));
}
